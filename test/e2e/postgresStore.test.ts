import { randomUUID } from 'crypto';

import { deliver, workItem, type Answer } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { TcpProxy } from '../helpers/tcpProxy';
import {
	handoffWorkflow,
	localPostgres,
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
	type WorkflowJson,
} from './harness';
import { postgresCredential, testSchema } from './postgresSchema';

const COPIES = 100;
/** How long to keep listening for executions that should not happen. */
const QUIET_MS = 3_000;

function triggerWorkflow(
	id: string,
	webhookId: string,
	sinkUrl: string,
	store: { dedupeStore: 'staticData' } | { dedupeStore: 'postgres'; credentialId: string; tableName: string },
): WorkflowJson {
	const { dedupeStore } = store;
	const workflow = handoffWorkflow({
		id,
		name: id,
		webhookId,
		credentialId: 'ehWebhook',
		sinkUrl,
		triggerParameters:
			store.dedupeStore === 'postgres'
				? { dedupeStore, tableName: store.tableName }
				: { dedupeStore },
	});
	if (store.dedupeStore === 'postgres') {
		const trigger = workflow.nodes[0];
		trigger.credentials = {
			...trigger.credentials,
			postgres: { id: store.credentialId, name: store.credentialId },
		};
	}
	return workflow;
}

/** Our trigger always answers with a `status`; n8n's own refusals carry `code` and `message`. */
function fromTrigger(answer: Answer): boolean {
	return typeof answer.body?.status === 'string';
}

/**
 * Sends `copies` copies of one delivery at once and returns the trigger's answers. Under such a
 * burst n8n 2.x on SQLite sometimes turns requests away before any node runs (its own 404
 * "not registered" or 503 "Database is not ready!"); those copies are sent again, together, as a
 * sender would retry them, so every copy ends up answered by the trigger.
 */
async function sendCopies(url: string, body: string, copies: number) {
	let pending = copies;
	let turnedAway = 0;
	const answers: Answer[] = [];
	for (let round = 0; pending > 0 && round < 20; round++) {
		if (round > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
		const batch = await Promise.all(
			Array.from({ length: pending }, async () => await deliver(url, body)),
		);
		answers.push(...batch.filter(fromTrigger));
		pending = batch.filter((answer) => !fromTrigger(answer)).length;
		turnedAway += pending;
	}
	return { answers, turnedAway };
}

/** How many copies got each 200 answer, and what the others got (shown when a test fails). */
function tally(answers: Answer[]) {
	const is = (status: string) => (answer: Answer) =>
		answer.status === 200 && answer.body?.status === status;
	return {
		accepted: answers.filter(is('accepted')).length,
		duplicate: answers.filter(is('duplicate')).length,
		other: answers
			.filter((answer) => !is('accepted')(answer) && !is('duplicate')(answer))
			.map((answer) => `${answer.status} ${answer.text}`),
	};
}

/** Executions the sink saw for one delivery: one request per item, one item per delivery here. */
function executionsOf(sink: Sink, eventId: string): string[] {
	return sink
		.received()
		.map((request) => request.body as { item: { eventId: string }; executionId: string })
		.filter((body) => body.item.eventId === eventId)
		.map((body) => body.executionId);
}

describe.each(N8N_VERSIONS)('the dedupe stores in n8n %s', (version) => {
	const schema = testSchema('eh_e2e');
	const tableName = `${schema.name}.events`;
	const hooks = { direct: randomUUID(), proxied: randomUUID(), staticData: randomUUID() };
	let proxy: TcpProxy;
	let sink: Sink;
	let n8n: N8nInstance;

	beforeAll(async () => {
		await schema.create();
		proxy = await TcpProxy.start({ host: localPostgres.host, port: localPostgres.port });
		sink = await startSink();

		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				postgresCredential('ehPgDirect', { maxConnections: 100 }),
				postgresCredential('ehPgProxied', { maxConnections: 100, port: proxy.port }),
			],
			workflows: [
				triggerWorkflow('ehPgDirect', hooks.direct, sink.url, {
					dedupeStore: 'postgres',
					credentialId: 'ehPgDirect',
					tableName,
				}),
				triggerWorkflow('ehPgProxied', hooks.proxied, sink.url, {
					dedupeStore: 'postgres',
					credentialId: 'ehPgProxied',
					tableName,
				}),
				triggerWorkflow('ehStaticData', hooks.staticData, sink.url, { dedupeStore: 'staticData' }),
			],
		});
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await proxy?.stop();
		await schema.drop();
	}, 60_000);

	async function deliverCopies(webhookId: string, body: string, copies = COPIES) {
		const { answers, turnedAway } = await sendCopies(n8n.webhookUrl(webhookId), body, copies);
		// The race figures, for the record: how many copies n8n itself had to be sent again.
		process.stdout.write(`n8n ${version}: ${copies} copies, ${turnedAway} turned away by n8n\n`);
		return answers;
	}

	/** One delivery, sent again while n8n itself turns it away; the trigger's answer. */
	async function deliverOnce(webhookId: string, body: string): Promise<Answer> {
		const [answer] = (await sendCopies(n8n.webhookUrl(webhookId), body, 1)).answers;
		expect(answer).toBeDefined();
		return answer;
	}

	async function rowsFor(webhookId: string, eventId: string): Promise<number> {
		const result = await schema.query(
			`SELECT count(*)::int AS n FROM ${tableName} WHERE connection_id = $1 AND event_id = $2`,
			[webhookId, eventId],
		);
		return (result.rows[0] as { n: number }).n;
	}

	it(`runs ${COPIES} concurrent copies of one delivery once with Postgres`, async () => {
		const body = workItem('pg-race-1', [['EmployeeUpdated', 101]]);

		const answers = await deliverCopies(hooks.direct, body);

		expect(tally(answers)).toEqual({ accepted: 1, duplicate: COPIES - 1, other: [] });
		await sink.waitForCount(1);
		await sink.settle(QUIET_MS);
		expect(executionsOf(sink, 'pg-race-1')).toHaveLength(1);
		expect(await rowsFor(hooks.direct, 'pg-race-1')).toBe(1);
	}, 120_000);

	it('still answers duplicate for an old delivery after n8n restarts', async () => {
		await n8n.restart();

		const answer = await deliverOnce(hooks.direct, workItem('pg-race-1', [['EmployeeUpdated', 101]]));

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'duplicate', eventId: 'pg-race-1' });
		await sink.settle(QUIET_MS);
		expect(executionsOf(sink, 'pg-race-1')).toHaveLength(1);
	}, 180_000);

	it('answers 503 while Postgres is unreachable, then runs the retry exactly once', async () => {
		const warmUp = await deliverOnce(hooks.proxied, workItem('pg-outage-0', [['EmployeeUpdated', 200]]));
		expect(warmUp.body).toMatchObject({ status: 'accepted' });
		const body = workItem('pg-outage-1', [['EmployeeUpdated', 201]]);

		await proxy.refuse();
		const during = await deliverOnce(hooks.proxied, body);
		await proxy.restore();
		const retry = await deliverOnce(hooks.proxied, body);
		const replay = await deliverOnce(hooks.proxied, body);

		expect(during.status).toBe(503);
		expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(during.body).toEqual({ status: 'unavailable', reason: 'dedupe store unavailable' });
		expect(retry.body).toEqual({ status: 'accepted', eventId: 'pg-outage-1', items: 1 });
		expect(replay.body).toEqual({ status: 'duplicate', eventId: 'pg-outage-1' });
		await sink.settle(QUIET_MS);
		expect(executionsOf(sink, 'pg-outage-1')).toHaveLength(1);
		expect(await rowsFor(hooks.proxied, 'pg-outage-1')).toBe(1);
	}, 120_000);

	it(`runs ${COPIES} concurrent copies of one delivery once with static data`, async () => {
		const body = workItem('static-race-1', [['EmployeeUpdated', 301]]);

		const answers = await deliverCopies(hooks.staticData, body);

		expect(tally(answers)).toEqual({ accepted: 1, duplicate: COPIES - 1, other: [] });
		await sink.settle(QUIET_MS);
		expect(executionsOf(sink, 'static-race-1')).toHaveLength(1);
	}, 120_000);
});
