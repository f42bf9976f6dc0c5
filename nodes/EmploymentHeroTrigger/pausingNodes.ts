import type { IWebhookFunctions } from 'n8n-workflow';

/** Node types that can put a run to wait; n8n answers a waiting webhook as if it had finished. */
const PAUSING_TYPES = new Set(['n8n-nodes-base.wait', 'n8n-nodes-base.form']);

/**
 * Whether a run started by this trigger may pause: a Wait or Form node downstream, or any node
 * set to a "send and wait" operation. n8n then answers a waiting request "when the last node
 * finishes" with 200 as soon as the run pauses, so that 200 says nothing about the outcome.
 */
export function runMayPause(context: IWebhookFunctions): boolean {
	const children = context.getChildNodes(context.getNode().name, { includeNodeParameters: true });
	return children.some(
		(child) =>
			!child.disabled &&
			(PAUSING_TYPES.has(child.type) || child.parameters?.operation === 'sendAndWait'),
	);
}
