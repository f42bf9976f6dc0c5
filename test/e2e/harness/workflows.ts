import { randomUUID } from 'crypto';

import type { NodeJson, WorkflowJson } from './types';

/** Node type of the Employment Hero Trigger as n8n knows it once our package is installed. */
export const TRIGGER_NODE_TYPE = 'n8n-nodes-employment-hero.employmentHeroTrigger';

/** Node type of the Employment Hero Delivery Ledger. */
export const LEDGER_NODE_TYPE = 'n8n-nodes-employment-hero.employmentHeroLedger';

/** n8n's HTTP Request node version used to forward items; exists in every pinned n8n. */
const HTTP_REQUEST_VERSION = 4.2;

/** Forwards each input item to the sink as `{ "item": <item json>, "executionId": "<id>" }`. */
export function sinkNode(sinkUrl: string, position: [number, number] = [300, 0]): NodeJson {
	return {
		id: randomUUID(),
		name: 'Forward To Sink',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position,
		parameters: {
			method: 'POST',
			url: sinkUrl,
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ item: $json, executionId: $execution.id }) }}',
			options: {},
		},
	};
}

function twoNodeWorkflow(id: string, name: string, first: NodeJson, sinkUrl: string): WorkflowJson {
	const last = sinkNode(sinkUrl);
	return {
		id,
		name,
		active: true,
		nodes: [first, last],
		connections: {
			[first.name]: { main: [[{ node: last.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export interface HandoffWorkflowOptions {
	id: string;
	name: string;
	/** Production URL token: deliveries go to `/webhook/<webhookId>/webhook`. */
	webhookId: string;
	/** The trigger's parameters (`events`, `dedupeStore`, `options`, ...); n8n fills in defaults. */
	triggerParameters?: Record<string, unknown>;
	/** Id of an `employmentHeroWebhookApi` credential imported with the workflow. */
	credentialId: string;
	/** Id of n8n's `postgres` credential, for `dedupeStore: 'postgres'`. */
	postgresCredentialId?: string;
	sinkUrl: string;
}

/** Employment Hero Trigger -> HTTP Request to the sink, one request per item. */
export function handoffWorkflow(options: HandoffWorkflowOptions): WorkflowJson {
	const trigger: NodeJson = {
		id: randomUUID(),
		name: 'Employment Hero Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: options.webhookId,
		parameters: options.triggerParameters ?? {},
		credentials: {
			employmentHeroWebhookApi: { id: options.credentialId, name: options.credentialId },
			...(options.postgresCredentialId === undefined
				? {}
				: { postgres: { id: options.postgresCredentialId, name: options.postgresCredentialId } }),
		},
	};
	return twoNodeWorkflow(options.id, options.name, trigger, options.sinkUrl);
}

export interface CoreWebhookWorkflowOptions {
	id: string;
	name: string;
	/** Production URL path: requests go to `/webhook/<path>`. */
	path: string;
	sinkUrl: string;
}

/**
 * n8n's own Webhook node (POST, answering at once) -> HTTP Request to the sink. A control that does
 * not depend on our nodes, e.g. for testing the harness itself.
 */
export function coreWebhookWorkflow(options: CoreWebhookWorkflowOptions): WorkflowJson {
	const webhook: NodeJson = {
		id: randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: options.path, responseMode: 'onReceived', options: {} },
	};
	return twoNodeWorkflow(options.id, options.name, webhook, options.sinkUrl);
}

export interface LedgerNodeOptions {
	/** Id (and name) of n8n's `postgres` credential. */
	postgresCredentialId: string;
	/** Id of the `employmentHeroWebhookApi` credential; needed by the `replay` operation. */
	webhookCredentialId?: string;
	position?: [number, number];
}

/** An Employment Hero Delivery Ledger node with the given parameters (`operation`, ...). */
export function ledgerNode(
	name: string,
	parameters: Record<string, unknown>,
	options: LedgerNodeOptions,
): NodeJson {
	const { postgresCredentialId: postgres, webhookCredentialId: webhook } = options;
	return {
		id: randomUUID(),
		name,
		type: LEDGER_NODE_TYPE,
		typeVersion: 1,
		position: options.position ?? [600, 0],
		parameters,
		credentials: {
			postgres: { id: postgres, name: postgres },
			...(webhook === undefined ? {} : { employmentHeroWebhookApi: { id: webhook, name: webhook } }),
		},
	};
}
