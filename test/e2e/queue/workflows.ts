import { randomUUID } from 'crypto';

import {
	handoffWorkflow,
	localPostgres,
	sinkNode,
	type CredentialJson,
	type NodeJson,
	type WorkflowJson,
} from '../harness';

export const WEBHOOK_CREDENTIAL = 'ehWebhook';
export const POSTGRES_CREDENTIAL = 'ehPostgres';
const GUARD_NODE_TYPE = 'n8n-nodes-employment-hero.employmentHeroFreshnessGuard';

/**
 * n8n's Postgres credential for our tables, on the machine's test database. Five connections per
 * pool, per process: 20 deliveries in flight over two webhook processes need no more, and the
 * shared server's connection limit is for everyone.
 */
export function postgresCredential(): CredentialJson {
	return {
		id: POSTGRES_CREDENTIAL,
		name: POSTGRES_CREDENTIAL,
		type: 'postgres',
		data: { ...localPostgres, ssl: 'disable', allowUnauthorizedCerts: false, maxConnections: 5 },
	};
}

export type DedupeStore = (
	| { dedupeStore: 'staticData' }
	| { dedupeStore: 'postgres'; tableName: string }
) & { responseMode?: 'onReceived' | 'afterSuccess' };

/** Employment Hero Trigger with the given dedupe store -> the sink, one request per item. */
export function dedupeWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	store: DedupeStore,
): WorkflowJson {
	return handoffWorkflow({
		id,
		name: id,
		webhookId,
		credentialId: WEBHOOK_CREDENTIAL,
		sinkUrl,
		triggerParameters: { ...store },
		...(store.dedupeStore === 'postgres' ? { postgresCredentialId: POSTGRES_CREDENTIAL } : {}),
	});
}

/**
 * Trigger (Postgres dedupe, so each delivery runs once) -> Freshness Guard with the Postgres store,
 * timed by the source's `UpdatedAt` -> `Fresh` to `<sink>fresh`, `Stale` to `<sink>stale`.
 */
export function guardWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	tables: { dedupe: string; freshness: string },
): WorkflowJson {
	const workflow = dedupeWorkflow(id, webhookId, sinkUrl, {
		dedupeStore: 'postgres',
		tableName: tables.dedupe,
	});
	const trigger = workflow.nodes[0];
	const guard: NodeJson = {
		id: randomUUID(),
		name: 'Freshness Guard',
		type: GUARD_NODE_TYPE,
		typeVersion: 1,
		position: [250, 0],
		parameters: {
			timestamp: '={{ $json.data.UpdatedAt }}',
			store: 'postgres',
			tableName: tables.freshness,
		},
		credentials: { postgres: { id: POSTGRES_CREDENTIAL, name: POSTGRES_CREDENTIAL } },
	};
	const fresh = { ...sinkNode(`${sinkUrl}fresh`, [500, -100]), name: 'Fresh To Sink' };
	const stale = { ...sinkNode(`${sinkUrl}stale`, [500, 100]), name: 'Stale To Sink' };

	return {
		...workflow,
		nodes: [trigger, guard, fresh, stale],
		connections: {
			[trigger.name]: { main: [[{ node: guard.name, type: 'main', index: 0 }]] },
			[guard.name]: {
				main: [
					[{ node: fresh.name, type: 'main', index: 0 }],
					[{ node: stale.name, type: 'main', index: 0 }],
				],
			},
		},
	};
}
