import { randomUUID } from 'crypto';

import { TRIGGER_NODE_TYPE, type NodeJson, type WorkflowJson } from '../test/e2e/harness';
import { TEST_SECRET } from '../test/helpers/sign';

/** The ways a user can receive an Employment Hero delivery, measured side by side. */
export type VariantName = 'webhook' | 'chain' | 'triggerStatic' | 'triggerPostgres';

export interface Variant {
	name: VariantName;
	label: string;
	workflow: WorkflowJson;
	/** After `/webhook/`. */
	path: string;
	/** Whether an answer is this variant's acknowledgement of a new, valid delivery. */
	acknowledged: (status: number, body: string) => boolean;
}

/** Node versions present in both pinned n8n versions (checked in their nodes-base). */
const WEBHOOK_VERSION = 2.1;
const CRYPTO_VERSION = 1;
const IF_VERSION = 2;
const REMOVE_DUPLICATES_VERSION = 2;
const RESPOND_VERSION = 1.1;

function node(
	name: string,
	type: string,
	typeVersion: number,
	x: number,
	parameters: object,
): NodeJson {
	return {
		id: randomUUID(),
		name,
		type: `n8n-nodes-base.${type}`,
		typeVersion,
		position: [x, 0],
		parameters: parameters as Record<string, unknown>,
	};
}

function link(to: string, index = 0) {
	return [{ node: to, type: 'main', index }];
}

function workflow(
	id: string,
	nodes: NodeJson[],
	connections: Record<string, unknown>,
): WorkflowJson {
	return { id, name: id, active: true, nodes, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Every workflow ends in a No Operation node, so that each accepted delivery starts an execution
 * of the same size and the measured difference stays on the acknowledgement path.
 */
const noOp = (x: number) => node('No Operation', 'noOp', 1, x, {});

/** n8n's Webhook node answering on receipt: the floor every other variant is compared with. */
export function plainWebhook(): Variant {
	const path = `eh-bench-plain-${randomUUID()}`;
	const webhook = {
		...node('Webhook', 'webhook', WEBHOOK_VERSION, 0, {
			httpMethod: 'POST',
			path,
			responseMode: 'onReceived',
			options: {},
		}),
		webhookId: randomUUID(),
	};
	return {
		name: 'webhook',
		label: 'Webhook node (answers on receipt)',
		workflow: workflow('ehBenchWebhook', [webhook, noOp(200)], {
			Webhook: { main: [link('No Operation')] },
		}),
		path,
		acknowledged: (status) => status === 200,
	};
}

/**
 * What a user builds without our trigger, answering only once the delivery is known to be
 * genuine and new: Webhook (raw body kept) -> Crypto (HMAC-SHA256 of the raw bytes, hex) -> IF
 * (equals the signature header) -> Remove Duplicates (items processed in previous executions,
 * keyed by the work item id) -> Respond to Webhook; a mismatch answers 401.
 */
export function handBuiltChain(): Variant {
	const path = `eh-bench-chain-${randomUUID()}`;
	const webhook = {
		...node('Webhook', 'webhook', WEBHOOK_VERSION, 0, {
			httpMethod: 'POST',
			path,
			responseMode: 'responseNode',
			options: { rawBody: true },
		}),
		webhookId: randomUUID(),
	};
	const crypto = node('Crypto', 'crypto', CRYPTO_VERSION, 200, {
		action: 'hmac',
		type: 'SHA256',
		binaryData: true,
		binaryPropertyName: 'data',
		secret: TEST_SECRET,
		encoding: 'hex',
		dataPropertyName: 'computedSignature',
	});
	const check = node('Signature Matches', 'if', IF_VERSION, 400, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
			combinator: 'and',
			conditions: [
				{
					id: randomUUID(),
					leftValue: '={{ $json.computedSignature }}',
					rightValue: "={{ $json.headers['ms-signature'] }}",
					operator: { type: 'string', operation: 'equals' },
				},
			],
		},
		options: {},
	});
	const dedupe = node('Remove Duplicates', 'removeDuplicates', REMOVE_DUPLICATES_VERSION, 600, {
		operation: 'removeItemsSeenInPreviousExecutions',
		logic: 'removeItemsWithAlreadySeenKeyValues',
		dedupeValue: '={{ $json.body.Id }}',
		options: {},
	});
	const accepted = node('Accepted', 'respondToWebhook', RESPOND_VERSION, 800, {
		respondWith: 'json',
		responseBody: '{ "status": "accepted" }',
		options: {},
	});
	const rejected = node('Rejected', 'respondToWebhook', RESPOND_VERSION, 600, {
		respondWith: 'json',
		responseBody: '{ "status": "rejected" }',
		options: { responseCode: 401 },
	});
	return {
		name: 'chain',
		label: 'Hand-built chain (Webhook, Crypto, IF, Remove Duplicates)',
		workflow: workflow(
			'ehBenchChain',
			[webhook, crypto, check, dedupe, accepted, rejected, noOp(1000)],
			{
				Webhook: { main: [link('Crypto')] },
				Crypto: { main: [link('Signature Matches')] },
				'Signature Matches': { main: [link('Remove Duplicates'), link('Rejected')] },
				'Remove Duplicates': { main: [link('Accepted')] },
				Accepted: { main: [link('No Operation')] },
			},
		),
		path,
		acknowledged: (status, body) => status === 200 && body.includes('"accepted"'),
	};
}

export interface TriggerVariantOptions {
	credentialId: string;
	/** For the Postgres store: n8n's `postgres` credential and `schema.table`. */
	postgres?: { credentialId: string; tableName: string };
}

/** Our trigger -> No Operation, with either dedupe store. */
export function ourTrigger(id: string, options: TriggerVariantOptions): Variant {
	const webhookId = randomUUID();
	const { postgres } = options;
	const trigger: NodeJson = {
		id: randomUUID(),
		name: 'Employment Hero Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: postgres
			? { dedupeStore: 'postgres', tableName: postgres.tableName }
			: { dedupeStore: 'staticData' },
		credentials: {
			employmentHeroWebhookApi: { id: options.credentialId, name: options.credentialId },
			...(postgres ? { postgres: { id: postgres.credentialId, name: postgres.credentialId } } : {}),
		},
	};
	return {
		name: postgres ? 'triggerPostgres' : 'triggerStatic',
		label: postgres ? 'Our trigger, Postgres dedupe' : 'Our trigger, static-data dedupe',
		workflow: workflow(id, [trigger, noOp(200)], {
			[trigger.name]: { main: [link('No Operation')] },
		}),
		path: `${webhookId}/webhook`,
		acknowledged: (status, body) => status === 200 && body.includes('"status":"accepted"'),
	};
}
