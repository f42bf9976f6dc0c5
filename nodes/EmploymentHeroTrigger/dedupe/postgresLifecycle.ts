import {
	NodeOperationError,
	type IHookFunctions,
	type IWebhookFunctions,
	type WebhookSetupMethodNames,
} from 'n8n-workflow';

import {
	PostgresCredentialError,
	quoteTableName,
	releasePool,
	TableNameError,
	toPoolConfig,
} from '../../shared/postgres';
import { DEFAULT_TABLE_NAME } from './PostgresStore';

/** The name under which one trigger node holds its share of a Postgres pool. */
export function poolUser(context: IHookFunctions | IWebhookFunctions): string {
	return `employmentHeroTrigger:${context.getWorkflow().id}:${context.getNode().id}`;
}

/**
 * n8n calls these when it registers the trigger's webhook (activation, startup) and when it
 * removes it (deactivation, saving an active workflow, the end of a test listen). Nothing exists
 * at Employment Hero to create; the hooks check the Postgres settings early and let go of the
 * pool, so a deactivated workflow keeps no connections open.
 */
type WebhookMethods = Record<WebhookSetupMethodNames, (this: IHookFunctions) => Promise<boolean>>;

export const dedupeWebhookMethods: WebhookMethods = {
	async checkExists() {
		return false;
	},

	/** Fails activation on settings that could never work, without connecting to Postgres. */
	async create() {
		if (this.getNodeParameter('dedupeStore', 'staticData') !== 'postgres') return true;

		try {
			quoteTableName(this.getNodeParameter('tableName', DEFAULT_TABLE_NAME) as string);
			toPoolConfig(await this.getCredentials('postgres'));
		} catch (error) {
			if (error instanceof TableNameError) {
				throw new NodeOperationError(this.getNode(), error.message, {
					description: 'Change the Table Name parameter and activate the workflow again.',
				});
			}
			if (error instanceof PostgresCredentialError) {
				throw new NodeOperationError(this.getNode(), error.message, {
					description: 'Edit the Postgres credential, or choose another, and activate again.',
				});
			}
			throw error;
		}
		return true;
	},

	async delete() {
		await releasePool(poolUser(this));
		return true;
	},
};
