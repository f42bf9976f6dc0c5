import { randomUUID } from 'crypto';

import { deliver, workItem, type Answer } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import {
	handoffWorkflow,
	ledgerNode,
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type NodeJson,
	type Sink,
	type WorkflowJson,
} from './harness';
import { postgresCredential, testSchema } from './postgresSchema';

/** How long to keep listening for executions that should not happen. */
const QUIET_MS = 3_000;

function triggerWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	triggerParameters: Record<string, unknown>,
): WorkflowJson {
	return handoffWorkflow({
		id,
		name: id,
		webhookId,
		credentialId: 'ehWebhook',
		postgresCredentialId: triggerParameters.dedupeStore === 'postgres' ? 'ehPg' : undefined,
		sinkUrl,
		triggerParameters,
	});
}

/** A Delivery Ledger node on this file's Postgres (and webhook) credential. */
function ledger(name: string, parameters: Record<string, unknown>, x: number): NodeJson {
	return ledgerNode(name, parameters, {
		postgresCredentialId: 'ehPg',
		webhookCredentialId: parameters.operation === 'replay' ? 'ehWebhook' : undefined,
		position: [x, 0],
	});
}

/** Appends `node` after the workflow's last node. */
function then(workflow: WorkflowJson, node: NodeJson): WorkflowJson {
	const last = workflow.nodes[workflow.nodes.length - 1];
	return {
		...workflow,
		nodes: [...workflow.nodes, node],
		connections: {
			...workflow.connections,
			[last.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

/** Trigger (afterSuccess, Postgres) -> a Wait long enough that n8n parks the run in its database. */
function pausingWorkflow(webhookId: string, tableName: string): WorkflowJson {
	const workflow = triggerWorkflow('ehPausing', webhookId, 'http://127.0.0.1:9/unused', {
		responseMode: 'afterSuccess',
		dedupeStore: 'postgres',
		tableName,
	});
	const [trigger] = workflow.nodes;
	const wait: NodeJson = {
		id: randomUUID(),
		name: 'Wait',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [300, 0],
		// No webhookId: a timed Wait registers no webhook, and the harness waits for every one given.
		parameters: { resume: 'timeInterval', amount: 600, unit: 'seconds' },
	};
	return {
		...workflow,
		nodes: [trigger, wait],
		connections: { [trigger.name]: { main: [[{ node: wait.name, type: 'main', index: 0 }]] } },
	};
}

/** n8n's Webhook node at `/webhook/replay` -> Get Dead Letters -> Replay to the URL it is sent. */
function replayWorkflow(tableName: string, webhookId: string): WorkflowJson {
	const webhook: NodeJson = {
		id: randomUUID(),
		name: 'Start Replay',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: 'replay', responseMode: 'lastNode', options: {} },
	};
	const list = ledger(
		'Get Dead Letters',
		{ operation: 'list', tableName, webhookId, which: 'both' },
		300,
	);
	const replay = ledger(
		'Replay',
		{ operation: 'replay', tableName, webhookUrl: "={{ $('Start Replay').first().json.body.url }}" },
		600,
	);
	return {
		id: 'ehReplay',
		name: 'ehReplay',
		active: true,
		nodes: [webhook, list, replay],
		connections: {
			[webhook.name]: { main: [[{ node: list.name, type: 'main', index: 0 }]] },
			[list.name]: { main: [[{ node: replay.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Executions that reached the sink for one delivery (one request per item, one item here). */
function executionsOf(sink: Sink, eventId: string): string[] {
	return sink
		.received()
		.map((request) => request.body as { item: { eventId: string }; executionId: string })
		.filter((body) => body.item?.eventId === eventId)
		.map((body) => body.executionId);
}

function statusOf(answer: Answer): string {
	return `${answer.status} ${String(answer.body?.status)}`;
}

describe.each(N8N_VERSIONS)('failed runs in n8n %s', (version) => {
	const schema = testSchema('eh_e2e_fail');
	const tableName = `${schema.name}.ledger`;
	const hooks = {
		afterPg: randomUUID(),
		afterStatic: randomUUID(),
		leased: randomUUID(),
		pausing: randomUUID(),
		marked: randomUUID(),
	};
	let sink: Sink;
	let n8n: N8nInstance;

	const rowOf = async (eventId: string) =>
		(
			await schema.query(`SELECT status, claims FROM ${tableName} WHERE event_id = $1`, [eventId])
		).rows[0] as { status: string; claims: number } | undefined;

	beforeAll(async () => {
		await schema.create();
		sink = await startSink();
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				postgresCredential('ehPg', { maxConnections: 20 }),
			],
			workflows: [
				triggerWorkflow('ehAfterPg', hooks.afterPg, sink.url, {
					responseMode: 'afterSuccess',
					dedupeStore: 'postgres',
					tableName,
				}),
				triggerWorkflow('ehAfterSd', hooks.afterStatic, sink.url, {
					responseMode: 'afterSuccess',
				}),
				triggerWorkflow('ehLeased', hooks.leased, sink.url, {
					responseMode: 'afterSuccess',
					dedupeStore: 'postgres',
					tableName,
					leaseMinutes: 10,
				}),
				pausingWorkflow(hooks.pausing, tableName),
				then(
					triggerWorkflow('ehMarked', hooks.marked, sink.url, {
						dedupeStore: 'postgres',
						tableName,
						// 12 s: long enough for the test's copy to be a duplicate, short to wait out.
						leaseMinutes: 0.2,
					}),
					// After the HTTP Request node, $json is its answer: the event id comes from the trigger.
					ledger(
						'Mark Processed',
						{
							operation: 'markProcessed',
							tableName,
							eventId: "={{ $('Employment Hero Trigger').item.json.eventId }}",
						},
						600,
					),
				),
				replayWorkflow(tableName, hooks.marked),
			],
		});
	}, 180_000);

	afterAll(async () => await schema.drop());

	beforeEach(() => sink.answerWith(200));

	it.each([
		['Postgres', 'afterPg'],
		['static data', 'afterStatic'],
	] as const)(
		'answers after the run: a failure is 503 and released, its redelivery runs once (%s)',
		async (_store, hook) => {
			const url = n8n.webhookUrl(hooks[hook]);
			const eventId = `after-${hook}-${randomUUID()}`;
			const body = workItem(eventId, [['EmployeeUpdated', 7]]);

			sink.answerWith(500);
			const failed = await deliver(url, body);
			expect(failed.status).toBe(503);
			expect(failed.headers.get('retry-after')).toBe('30');
			expect(failed.body).toEqual({
				status: 'failed',
				eventId,
				reason: 'the workflow run failed; send the delivery again',
			});
			if (hook === 'afterPg') expect(await rowOf(eventId)).toEqual({ status: 'failed', claims: 1 });

			sink.answerWith(200);
			const redelivered = await deliver(url, body);
			expect(redelivered.status).toBe(200);
			expect(redelivered.body).toEqual({ status: 'processed', eventId, items: 1 });
			if (hook === 'afterPg') {
				expect(await rowOf(eventId)).toEqual({ status: 'processed', claims: 2 });
			}

			const again = await Promise.all([deliver(url, body), deliver(url, body)]);
			expect(again.map(statusOf)).toEqual(['200 duplicate', '200 duplicate']);
			await sink.settle(QUIET_MS);
			// One run failed at the sink, one succeeded; nothing ran a third time.
			expect(new Set(executionsOf(sink, eventId)).size).toBe(2);
		},
		60_000,
	);

	it('never answers 500 or with n8n\'s own body when the run fails', async () => {
		const url = n8n.webhookUrl(hooks.afterPg);
		const eventId = `after-body-${randomUUID()}`;
		sink.answerWith(500);

		const answer = await deliver(url, workItem(eventId, [['EmployeeUpdated', 8]]));

		expect(answer.status).toBe(503);
		expect(answer.text).not.toMatch(/Error in workflow|stack|\/node_modules\//);
	});

	it('asks a copy to come back while the first run is still going, when a lease is set', async () => {
		const url = n8n.webhookUrl(hooks.leased);
		const eventId = `leased-${randomUUID()}`;
		const body = workItem(eventId, [['EmployeeUpdated', 11]]);

		sink.answerWith(200, 2_000);
		const first = deliver(url, body);
		for (let tries = 0; executionsOf(sink, eventId).length === 0; tries++) {
			if (tries > 300) throw new Error(`The run of ${eventId} never reached the sink.`);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const copy = await deliver(url, body);
		expect(copy.status).toBe(503);
		expect(copy.headers.get('retry-after')).toBe('30');
		expect(copy.body).toEqual({
			status: 'unavailable',
			reason: 'an earlier copy of this delivery is still running',
		});

		expect(statusOf(await first)).toBe('200 processed');
		expect(statusOf(await deliver(url, body))).toBe('200 duplicate');
		await sink.settle(QUIET_MS);
		expect(executionsOf(sink, eventId)).toHaveLength(1);
		expect(await rowOf(eventId)).toEqual({ status: 'processed', claims: 1 });
	}, 60_000);

	it('answers accepted, not processed, when the run pauses in a Wait node', async () => {
		const url = n8n.webhookUrl(hooks.pausing);
		const eventId = `pausing-${randomUUID()}`;
		const body = workItem(eventId, [['EmployeeUpdated', 12]]);

		const answer = await deliver(url, body);

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'accepted', eventId, items: 1 });
		expect(await rowOf(eventId)).toEqual({ status: 'received', claims: 1 });
		expect(statusOf(await deliver(url, body))).toBe('200 duplicate');
	}, 60_000);

	it('replays a run that failed after an immediate answer, once its lease ran out, exactly once', async () => {
		const url = n8n.webhookUrl(hooks.marked);
		const eventId = `replay-${randomUUID()}`;
		const body = workItem(eventId, [['EmployeeUpdated', 9]]);

		sink.answerWith(500);
		expect(statusOf(await deliver(url, body))).toBe('200 accepted');
		// The sink is shared by the file's tests: wait for this delivery's own (failing) request.
		for (let tries = 0; executionsOf(sink, eventId).length === 0; tries++) {
			if (tries > 300) throw new Error(`The run of ${eventId} never reached the sink.`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(await rowOf(eventId)).toEqual({ status: 'received', claims: 1 });
		expect(statusOf(await deliver(url, body))).toBe('200 duplicate');

		sink.answerWith(200);
		// Get Dead Letters lists an unsettled claim once its lease has run out.
		for (let tries = 0; ; tries++) {
			const { rows } = await schema.query(
				`SELECT lease_until < now() AS expired FROM ${tableName} WHERE event_id = $1`,
				[eventId],
			);
			if (rows[0]?.expired) break;
			if (tries > 300) throw new Error(`The lease of ${eventId} never ran out.`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const replay = await fetch(`${n8n.baseUrl}/webhook/replay`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ url }),
		});
		const replayText = await replay.text();
		if (replay.status !== 200) {
			throw new Error(`Replay answered ${replay.status} ${replayText}\n${n8n.logs().slice(-6000)}`);
		}
		expect(JSON.parse(replayText)).toMatchObject({
			eventId,
			statusCode: 200,
			answer: { status: 'accepted', eventId, items: 1 },
			sameDelivery: true,
		});

		for (let tries = 0; (await rowOf(eventId))?.status !== 'processed'; tries++) {
			if (tries > 100) throw new Error(`Row of ${eventId} never became processed.`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		expect(await rowOf(eventId)).toEqual({ status: 'processed', claims: 2 });
		expect(statusOf(await deliver(url, body))).toBe('200 duplicate');
		await sink.settle(QUIET_MS);
		expect(new Set(executionsOf(sink, eventId)).size).toBe(2);
	}, 60_000);

	it('still knows a processed delivery after n8n restarts (both stores)', async () => {
		const sent = await Promise.all(
			(['afterPg', 'afterStatic'] as const).map(async (hook) => {
				const eventId = `restart-${hook}-${randomUUID()}`;
				const body = workItem(eventId, [['EmployeeUpdated', 10]]);
				expect(statusOf(await deliver(n8n.webhookUrl(hooks[hook]), body))).toBe('200 processed');
				return { hook, eventId, body };
			}),
		);

		await n8n.restart();

		for (const { hook, eventId, body } of sent) {
			expect(statusOf(await deliver(n8n.webhookUrl(hooks[hook]), body))).toBe('200 duplicate');
			await sink.settle(QUIET_MS);
			expect(executionsOf(sink, eventId)).toHaveLength(1);
		}
	}, 120_000);
});
