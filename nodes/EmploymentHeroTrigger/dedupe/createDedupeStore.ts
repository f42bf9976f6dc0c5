import { NodeOperationError, type IWebhookFunctions } from 'n8n-workflow';

import { getPool, quoteTableName } from '../../shared/postgres';
import type { TriggerOptions } from '../options';
import type { DedupeStore } from './DedupeStore';
import { DEFAULT_RETENTION_DAYS, DEFAULT_TABLE_NAME, PostgresStore } from './PostgresStore';
import { poolUser } from './postgresLifecycle';
import { StaticDataStore } from './StaticDataStore';

/** The one place where the trigger's Dedupe Store parameter becomes a store. */
export async function createDedupeStore(
	context: IWebhookFunctions,
	options: TriggerOptions,
): Promise<DedupeStore> {
	const kind = context.getNodeParameter('dedupeStore', 'staticData') as string;

	switch (kind) {
		case 'staticData':
			return new StaticDataStore(context.getWorkflowStaticData('node'), options.retention);
		case 'postgres': {
			const table = quoteTableName(
				context.getNodeParameter('tableName', DEFAULT_TABLE_NAME) as string,
			);
			const credentials = await context.getCredentials('postgres');
			const user = poolUser(context);
			return new PostgresStore(getPool(credentials, user), {
				reconnect: () => getPool(credentials, user),
				table,
				retentionDays: context.getNodeParameter('retentionDays', DEFAULT_RETENTION_DAYS) as number,
				leaseSeconds: 60 * Number(context.getNodeParameter('leaseMinutes', 0)),
				logger: context.logger,
			});
		}
		default:
			throw new NodeOperationError(context.getNode(), `Unknown dedupe store "${kind}"`, {
				description: 'Choose a Dedupe Store in the trigger and activate the workflow again.',
			});
	}
}
