import { randomInt, randomUUID } from 'crypto';

import { deliver } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { branchWorkflow } from './branchWorkflow';
import {
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
	type WorkflowJson,
} from './harness';
import { postgresCredential, testSchema } from './postgresSchema';

const GUARD_NODE_TYPE = 'n8n-nodes-employment-hero.employmentHeroFreshnessGuard';

const CONCURRENT = 10;

interface Freshness {
	key: string;
	previous: string | null;
	current: string;
}

/** What the sink saw: which output an item left the guard by, and the item. */
interface Arrival {
	output: 'fresh' | 'stale';
	eventId: string;
	freshness: Freshness;
}

type Store = { store: 'staticData' } | { store: 'postgres'; tableName: string };

/**
 * Employment Hero Trigger -> Freshness Guard, driven by the source's own `UpdatedAt`, whose
 * `Fresh` and `Stale` outputs each forward to the sink (at `/fresh` and `/stale`).
 */
function guardWorkflow(id: string, webhookId: string, sinkUrl: string, store: Store): WorkflowJson {
	return branchWorkflow({
		id,
		webhookId,
		sinkUrl,
		node: {
			name: 'Freshness Guard',
			type: GUARD_NODE_TYPE,
			typeVersion: 1,
			parameters: { timestamp: '={{ $json.data.UpdatedAt }}', ...store },
			...(store.store === 'postgres'
				? { credentials: { postgres: { id: 'ehPostgres', name: 'ehPostgres' } } }
				: {}),
		},
		outputs: [
			{ name: 'Fresh To Sink', path: 'fresh' },
			{ name: 'Stale To Sink', path: 'stale' },
		],
	});
}

/** A single-event delivery about one employee, as the HR platform sends it. */
function change(eventId: string, employeeId: string, updatedAt: string, event = 'EmployeeUpdated') {
	return JSON.stringify({ id: eventId, event, data: { id: employeeId, UpdatedAt: updatedAt } });
}

function arrivals(sink: Sink): Arrival[] {
	return sink.received().map((request) => {
		const { item } = request.body as {
			item: { eventId: string; freshness: Freshness };
		};
		return {
			output: request.path === '/fresh' ? 'fresh' : 'stale',
			eventId: item.eventId,
			freshness: item.freshness,
		};
	});
}

/**
 * Waits until the trigger itself answers: an unsigned delivery gets its 401, which runs nothing.
 * n8n 2.x can list a webhook in its registry a moment before the workflow behind it is usable,
 * and answers 404 in between.
 */
async function untilServing(url: string): Promise<void> {
	for (let attempt = 0; attempt < 150; attempt++) {
		if ((await deliver(url, '{}', { secret: null })).status === 401) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`The trigger at ${url} never answered.`);
}

describe.each(N8N_VERSIONS)('the Freshness Guard in n8n %s', (version) => {
	const schema = testSchema('eh_e2e_fresh');
	const tableName = `${schema.name}.freshness`;
	const hooks = { staticData: randomUUID(), postgres: randomUUID() };
	let sink: Sink;
	let n8n: N8nInstance;

	beforeAll(async () => {
		await schema.create();
		sink = await startSink();

		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				postgresCredential('ehPostgres', { maxConnections: 10 }),
			],
			workflows: [
				guardWorkflow('ehGuardStatic', hooks.staticData, sink.url, { store: 'staticData' }),
				guardWorkflow('ehGuardPostgres', hooks.postgres, sink.url, {
					store: 'postgres',
					tableName,
				}),
			],
		});
		for (const webhookId of Object.values(hooks)) await untilServing(n8n.webhookUrl(webhookId));
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await schema.drop();
	}, 60_000);

	/** Delivers one at a time, each after the previous one's item reached the sink. */
	async function deliverInTurn(webhookId: string, bodies: string[]): Promise<Arrival[]> {
		sink.reset();
		for (const [sent, body] of bodies.entries()) {
			const answer = await deliver(n8n.webhookUrl(webhookId), body);
			expect(answer.status).toBe(200);
			await sink.waitForCount(sent + 1);
		}
		return arrivals(sink);
	}

	describe.each([
		['static data', 'staticData' as const],
		['Postgres', 'postgres' as const],
	])('with the %s store', (_label, store) => {
		const employee = `emp-${store}`;

		it('passes the newest change and stops older ones that arrive after it', async () => {
			const seen = await deliverInTurn(hooks[store], [
				change(`${store}-3`, employee, '2024-05-01T10:00:03Z'),
				change(`${store}-2`, employee, '2024-05-01T10:00:02Z'),
				change(`${store}-1`, employee, '2024-05-01T10:00:01+00:00'),
			]);

			expect(seen).toEqual([
				{
					output: 'fresh',
					eventId: `${store}-3`,
					freshness: {
						key: `Employee:${employee}`,
						previous: null,
						current: '2024-05-01T10:00:03.000Z',
					},
				},
				{
					output: 'stale',
					eventId: `${store}-2`,
					freshness: {
						key: `Employee:${employee}`,
						previous: '2024-05-01T10:00:03.000Z',
						current: '2024-05-01T10:00:02.000Z',
					},
				},
				{
					output: 'stale',
					eventId: `${store}-1`,
					freshness: {
						key: `Employee:${employee}`,
						previous: '2024-05-01T10:00:03.000Z',
						current: '2024-05-01T10:00:01.000Z',
					},
				},
			]);
		}, 60_000);

		it('passes a redelivery with the same time and keeps a delete over older updates', async () => {
			const seen = await deliverInTurn(hooks[store], [
				change(`${store}-3-again`, employee, '2024-05-01T10:00:03Z'),
				change(`${store}-5`, employee, '2024-05-01T10:00:05Z', 'EmployeeDeleted'),
				change(`${store}-4`, employee, '2024-05-01T10:00:04Z'),
			]);

			expect(seen.map(({ output, eventId }) => [output, eventId])).toEqual([
				['fresh', `${store}-3-again`],
				['fresh', `${store}-5`],
				['stale', `${store}-4`],
			]);
		}, 60_000);
	});

	it(`passes no change older than one passed, of ${CONCURRENT} concurrent ones`, async () => {
		sink.reset();
		const times = Array.from({ length: CONCURRENT }, (_, i) => `2024-06-01T00:00:${10 + i}.000Z`);
		const shuffled = [...times];
		for (let i = shuffled.length - 1; i > 0; i--) {
			const j = randomInt(i + 1);
			[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
		}

		const answers = await Promise.all(
			shuffled.map(
				async (time, i) =>
					await deliver(n8n.webhookUrl(hooks.postgres), change(`race-${i}`, 'emp-race', time)),
			),
		);
		await sink.waitForCount(CONCURRENT);

		expect(answers.map((answer) => answer.status)).toEqual(times.map(() => 200));
		const passed = arrivals(sink)
			.filter((arrival) => arrival.output === 'fresh')
			.map((arrival) => arrival.freshness)
			.sort((a, b) => a.current.localeCompare(b.current));
		// Executions ran in some order in which each passed change saw the one passed before it.
		passed.forEach((freshness, rank) => {
			expect(freshness.previous).toBe(rank === 0 ? null : passed[rank - 1].current);
		});
		expect(passed[passed.length - 1].current).toBe(times[times.length - 1]);
		const { rows } = await schema.query(
			`SELECT newest_us::text AS newest FROM ${tableName} WHERE entity_key = 'Employee:emp-race'`,
		);
		expect(rows).toEqual([{ newest: String(Date.parse(times[times.length - 1]) * 1000) }]);
	}, 120_000);
});
