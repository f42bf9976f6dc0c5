import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

/** Node types that can put a run to wait; n8n answers a waiting webhook as if it had finished. */
const PAUSING_TYPES = new Set(['n8n-nodes-base.wait', 'n8n-nodes-base.form']);

/** Pauses with its sub-workflow unless told not to wait for it. */
const EXECUTE_WORKFLOW_TYPE = 'n8n-nodes-base.executeWorkflow';

/**
 * Whether a run started by this trigger may pause: a Wait or Form node downstream, an Execute
 * Workflow node that waits for its sub-workflow (which may pause), or any node set to a "send
 * and wait" operation. n8n answers a waiting request "when the last node finishes" with 200 as
 * soon as the run pauses, so that 200 says nothing about the outcome. Any Wait counts, short
 * ones included: its time may be an expression.
 */
export function runMayPause(context: IWebhookFunctions): boolean {
	const children = context.getChildNodes(context.getNode().name, { includeNodeParameters: true });
	return children.some((child) => !child.disabled && mayPause(child.type, child.parameters));
}

function mayPause(type: string, parameters: IDataObject | undefined): boolean {
	if (PAUSING_TYPES.has(type) || parameters?.operation === 'sendAndWait') return true;
	if (type !== EXECUTE_WORKFLOW_TYPE) return false;
	const options = parameters?.options as IDataObject | undefined;
	return options?.waitForSubWorkflow !== false;
}
