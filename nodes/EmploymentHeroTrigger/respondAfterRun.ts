import type { IWebhookFunctions, IWebhookResponseData, INodeExecutionData } from 'n8n-workflow';

import { answerAfterRun, failedAnswer } from './answerAfterRun';
import type { DedupeStore, DeliveryRecord } from './dedupe/DedupeStore';
import { runMayPause } from './pausingNodes';

export interface Claimed {
	store: DedupeStore;
	record: DeliveryRecord;
}

/**
 * Respond When the Workflow Succeeds: starts the run, lets n8n wait for it, then settles the
 * claim and answers `processed`, `accepted` (a run that may only have paused) or `failed`.
 * `claimed` is undefined for manual runs, which claim nothing.
 */
export function respondAfterRun(
	context: IWebhookFunctions,
	items: INodeExecutionData[],
	eventId: string,
	claimed: Claimed | undefined,
): IWebhookResponseData {
	const where = { workflowId: context.getWorkflow().id, node: context.getNode().name, eventId };
	const mayPause = runMayPause(context);
	const running = claimed?.store.whileRunning?.();

	answerAfterRun(context.getResponseObject(), async (succeeded) => {
		running?.();
		context.logger.debug('Employment Hero delivery run ended', { ...where, succeeded });
		if (!succeeded) {
			await claimed?.store.settle(claimed.record, {
				succeeded,
				reason: 'the workflow run failed',
			});
			return failedAnswer('the workflow run failed; send the delivery again', eventId);
		}
		// A run that may have paused is not known to have succeeded: it stays unsettled, for Mark
		// Processed (or an error workflow's Mark Failed) to settle when it ends.
		if (mayPause) return { code: 200, body: { status: 'accepted', eventId, items: items.length } };
		await claimed?.store.settle(claimed.record, { succeeded });
		return { code: 200, body: { status: 'processed', eventId, items: items.length } };
	});
	return { workflowData: [items] };
}
