import { NodeOperationError, type IWebhookFunctions } from 'n8n-workflow';

import type { TriggerOptions } from '../options';
import type { DedupeStore } from './DedupeStore';
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
		default:
			throw new NodeOperationError(context.getNode(), `Unknown dedupe store "${kind}"`, {
				description: 'Choose a Dedupe Store in the trigger and activate the workflow again.',
			});
	}
}
