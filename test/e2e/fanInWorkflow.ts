import { randomUUID } from 'crypto';

import { sinkNode, TRIGGER_NODE_TYPE, type NodeJson, type WorkflowJson } from './harness';

export interface TriggerSpec {
	/** Node name, unique within the workflow. */
	name: string;
	/** Production URL token: deliveries go to `/webhook/<webhookId>/webhook`. */
	webhookId: string;
	parameters?: Record<string, unknown>;
	/** Credentials besides the webhook secret, by type: `{ postgres: 'ehPg' }` (ids equal names). */
	credentials?: Record<string, string>;
}

/** An Employment Hero Trigger node whose webhook secret is the credential `credentialId`. */
export function triggerNode(spec: TriggerSpec, credentialId: string, y = 0): NodeJson {
	const credentials = { employmentHeroWebhookApi: credentialId, ...spec.credentials };
	return {
		id: randomUUID(),
		name: spec.name,
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, y],
		webhookId: spec.webhookId,
		parameters: spec.parameters ?? {},
		credentials: Object.fromEntries(
			Object.entries(credentials).map(([type, id]) => [type, { id, name: id }]),
		),
	};
}

export interface FanInWorkflowOptions {
	id: string;
	name: string;
	/** Id of the `employmentHeroWebhookApi` credential every trigger uses. */
	credentialId: string;
	triggers: TriggerSpec[];
	sinkUrl: string;
}

/**
 * Several triggers in one workflow, all forwarding their items to one sink node. One workflow is
 * one import and one activation, which keeps start-up short (n8n 2.x boots once per activation).
 */
export function fanInWorkflow(options: FanInWorkflowOptions): WorkflowJson {
	const triggers = options.triggers.map((spec, i) =>
		triggerNode(spec, options.credentialId, i * 200),
	);
	const forward = sinkNode(options.sinkUrl, [300, 0]);
	const toSink = { main: [[{ node: forward.name, type: 'main', index: 0 }]] };

	return {
		id: options.id,
		name: options.name,
		active: true,
		nodes: [...triggers, forward],
		connections: Object.fromEntries(triggers.map((trigger) => [trigger.name, toSink])),
		settings: { executionOrder: 'v1' },
	};
}
