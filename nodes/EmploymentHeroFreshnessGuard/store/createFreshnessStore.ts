import type { IExecuteFunctions } from 'n8n-workflow';

import { getPool, quoteTableName } from '../../shared/postgres';
import type { FreshnessStore } from './FreshnessStore';
import { PostgresStore } from './PostgresStore';
import { DEFAULT_TABLE_NAME } from './postgresSql';
import { DEFAULT_MAX_KEYS, StaticDataStore } from './StaticDataStore';

/** The Store parameter names a store this version does not know. */
export class UnknownStoreError extends Error {}

/**
 * The one place where the Store parameter becomes a store.
 *
 * @throws TableNameError, PostgresCredentialError (from the shared Postgres module) and
 *   UnknownStoreError for settings that cannot work.
 */
export async function createFreshnessStore(context: IExecuteFunctions): Promise<FreshnessStore> {
	const kind = context.getNodeParameter('store', 0, 'staticData') as string;
	const scope = `${context.getWorkflow().id}:${context.getNode().id}`;

	switch (kind) {
		case 'staticData': {
			const maxKeys = Number(context.getNodeParameter('maxKeys', 0, DEFAULT_MAX_KEYS));
			// An expression may give anything; a bound below one would forget every key at once.
			const usable = Number.isFinite(maxKeys) && maxKeys >= 1;
			const bound = usable ? Math.floor(maxKeys) : DEFAULT_MAX_KEYS;
			return new StaticDataStore(context.getWorkflowStaticData('node'), scope, bound);
		}
		case 'postgres': {
			const table = quoteTableName(
				context.getNodeParameter('tableName', 0, DEFAULT_TABLE_NAME) as string,
			);
			const credentials = await context.getCredentials('postgres');
			// The guard has no deactivation hook to release its share; an idle pool holds no
			// connections, so it costs only a small object per credential.
			return new PostgresStore(getPool(credentials, `freshnessGuard:${scope}`), table);
		}
		default:
			throw new UnknownStoreError(`Unknown store "${kind}"`);
	}
}
