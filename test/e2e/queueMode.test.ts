import { randomBytes, randomUUID } from 'crypto';
import { Client } from 'pg';

import { deliver, workItem } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import {
	localPostgres,
	N8N_VERSIONS,
	startQueueMode,
	startSink,
	webhookCredential,
	type QueueDeployment,
	type Sink,
} from './harness';
import { planDeliveries, shuffle, type DeliveryPlan, type Send } from './queue/deliveryPlan';
import { changeBody, employeeChanges } from './queue/employeeChanges';
import { orderViolations } from './queue/freshnessOrder';
import {
	acceptedPerDelivery,
	countVerdicts,
	sendSteps,
	verdict,
	type Outcome,
} from './queue/sendPlan';
import { executionsByDelivery, guardVerdicts, settleAt } from './queue/sinkRecords';
import {
	dedupeWorkflow,
	guardWorkflow,
	postgresCredential,
	WEBHOOK_CREDENTIAL,
} from './queue/workflows';

/**
 * n8n in queue mode, as users scale it out: one main, two `n8n webhook` processes (deliveries
 * alternate between them, as behind a load balancer) and two `n8n worker`s, on n8n's database in
 * the machine's Postgres and the machine's Redis. Figures are printed, never asserted on timing.
 *
 *   npm run build && npx jest test/e2e/queueMode.test.ts [-t 2.40.7]
 */

const DELIVERIES = 1_000;
const IN_FLIGHT = 20;
const EMPLOYEES = 6;
const CHANGES_PER_EMPLOYEE = 20;
/** Long enough for an execution that should not exist to reach the sink after the last one. */
const QUIET_MS = 3_000;
const EXECUTIONS_TIMEOUT_MS = 240_000;

/**
 * n8n's default expression engine (`vm`, both pinned versions) builds an isolate for every request
 * to a community trigger's webhook and for every execution: about 140 ms of CPU per delivery in the
 * webhook process and 60 ms per execution in the worker here, against about 17 and 16 ms with
 * `legacy`. Nothing the dedupe or the guard does depends on it, so this file uses `legacy` to stay
 * within minutes; set EH_E2E_EXPRESSION_ENGINE=vm to run it on the default (several times longer).
 */
const EXPRESSION_ENGINE = process.env.EH_E2E_EXPRESSION_ENGINE ?? 'legacy';

jest.setTimeout(300_000);

function report(line: string): void {
	process.stdout.write(`${line}\n`);
}

function total(runs: Map<string, Set<string>>): number {
	return [...runs.values()].reduce((sum, executions) => sum + executions.size, 0);
}

describe.each(N8N_VERSIONS)('queue mode in n8n %s', (version) => {
	const schema = `eh_queue_${randomBytes(4).toString('hex')}`;
	const tables = {
		dedupe: `${schema}.events`,
		afterSuccess: `${schema}.after_events`,
		freshnessDedupe: `${schema}.guard_events`,
		freshness: `${schema}.freshness`,
	};
	const hooks = {
		postgres: randomUUID(),
		staticData: randomUUID(),
		guard: randomUUID(),
		afterSuccess: randomUUID(),
	};
	let admin: Client;
	let sink: Sink;
	let deployment: QueueDeployment;

	beforeAll(async () => {
		admin = new Client({ ...localPostgres, application_name: `eh-e2e-${schema}` });
		await admin.connect();
		await admin.query(`CREATE SCHEMA "${schema}"`);
		sink = await startSink();

		const startedAt = Date.now();
		deployment = await startQueueMode({
			version,
			env: { N8N_EXPRESSION_ENGINE: EXPRESSION_ENGINE },
			credentials: [
				webhookCredential({ id: WEBHOOK_CREDENTIAL, secret: TEST_SECRET }),
				postgresCredential(),
			],
			workflows: [
				dedupeWorkflow('ehQueuePg', hooks.postgres, sink.url, {
					dedupeStore: 'postgres',
					tableName: tables.dedupe,
				}),
				dedupeWorkflow('ehQueueStatic', hooks.staticData, sink.url, {
					dedupeStore: 'staticData',
				}),
				dedupeWorkflow('ehQueueAfter', hooks.afterSuccess, sink.url, {
					dedupeStore: 'postgres',
					tableName: tables.afterSuccess,
					responseMode: 'afterSuccess',
				}),
				guardWorkflow('ehQueueGuard', hooks.guard, sink.url, {
					dedupe: tables.freshnessDedupe,
					freshness: tables.freshness,
				}),
			],
		});
		report(
			`n8n ${version} queue mode (${EXPRESSION_ENGINE} expressions): ` +
				`started in ${Date.now() - startedAt} ms`,
		);
	}, 420_000);

	afterAll(async () => {
		await deployment?.close();
		await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await admin?.end();
	}, 120_000);

	const urlFor = (webhookId: string) => (send: Send) =>
		deployment.webhookUrl(webhookId, send.target);
	const oneItem = (eventId: string) => workItem(eventId, [['EmployeeUpdated', eventId]]);

	/** Sends the plan's first copies and concurrent pairs, then its later repeats. */
	async function deliverPlan(webhookId: string, plan: DeliveryPlan): Promise<Outcome[]> {
		const startedAt = Date.now();
		const first = await sendSteps(plan.first, urlFor(webhookId), oneItem, IN_FLIGHT);
		const later = await sendSteps(plan.later, urlFor(webhookId), oneItem, IN_FLIGHT);
		const outcomes = [...first, ...later];
		const resent = outcomes.reduce((sum, outcome) => sum + outcome.resent, 0);
		report(
			`n8n ${version}: ${outcomes.length} sends answered in ${Date.now() - startedAt} ms, ` +
				`${resent} sent again after n8n turned them away`,
		);
		return outcomes;
	}

	/** Waits for `expected` executions of the plan's deliveries, then counts them per delivery. */
	async function executionsOf(plan: DeliveryPlan, expected: number) {
		const ids = new Set(plan.distinct);
		await settleAt(sink, expected, (body) => ids.has(String(body?.item?.eventId)), {
			timeoutMs: EXECUTIONS_TIMEOUT_MS,
			quietMs: QUIET_MS,
		});
		return executionsByDelivery(sink, plan.distinct);
	}

	it(`runs each of ${DELIVERIES} deliveries' distinct ids once with the Postgres store`, async () => {
		const plan = planDeliveries('pg', DELIVERIES);

		const outcomes = await deliverPlan(hooks.postgres, plan);

		// One copy of each delivery accepted, every other copy (every repeat) answered duplicate.
		const accepted = acceptedPerDelivery(outcomes);
		expect(countVerdicts(outcomes)).toEqual({
			accepted: plan.distinct.length,
			duplicate: DELIVERIES - plan.distinct.length,
		});
		expect(plan.distinct.filter((eventId) => accepted.get(eventId) !== 1)).toEqual([]);

		const runs = await executionsOf(plan, plan.distinct.length);
		report(`n8n ${version} Postgres store: ${total(runs)} executions, ${plan.distinct.length} ids`);
		expect(plan.distinct.filter((eventId) => runs.get(eventId)?.size !== 1)).toEqual([]);
		const { rows } = await admin.query(
			`SELECT count(*)::int AS n FROM ${tables.dedupe} WHERE connection_id = $1`,
			[hooks.postgres],
		);
		expect(rows).toEqual([{ n: plan.distinct.length }]);
	});

	it('loses no delivery with the static-data store, and reports how many repeats ran again', async () => {
		const plan = planDeliveries('sd', DELIVERIES);

		const outcomes = await deliverPlan(hooks.staticData, plan);

		const acceptedSends = outcomes.filter((outcome) => verdict(outcome) === 'accepted').length;
		const runs = await executionsOf(plan, acceptedSends);
		const repeats = plan.sends.length - plan.distinct.length;
		const ranAgain = total(runs) - plan.distinct.length;
		const ofKind = (kind: Send['kind']) => {
			const sends = plan.sends.filter((send) => send.kind === kind);
			const twice = sends.filter((send) => (runs.get(send.eventId)?.size ?? 0) > 1).length;
			return `${twice}/${sends.length}`;
		};
		report(
			`n8n ${version} static-data store: ${total(runs)} executions for ` +
				`${plan.distinct.length} ids; ${ranAgain} of ${repeats} repeats ran again ` +
				`(${((100 * ranAgain) / repeats).toFixed(1)}%): concurrent to both processes ` +
				`${ofKind('concurrent')}, later to the other ${ofKind('laterOther')}, ` +
				`later to the same ${ofKind('laterSame')}`,
		);

		// All that static data guarantees across processes: every send is acknowledged, no delivery
		// is lost, and each `accepted` answer runs one execution and nothing else runs.
		const unexpected = Object.keys(countVerdicts(outcomes)).filter(
			(answer) => answer !== 'accepted' && answer !== 'duplicate',
		);
		expect(unexpected).toEqual([]);
		expect(plan.distinct.filter((eventId) => (runs.get(eventId)?.size ?? 0) < 1)).toEqual([]);
		expect(total(runs)).toBe(acceptedSends);
	});

	it('passes no stale change through the Freshness Guard with Postgres across two workers', async () => {
		const changes = employeeChanges(EMPLOYEES, CHANGES_PER_EMPLOYEE, Date.parse('2024-07-01'));
		const newest = changes[changes.length - 1].updatedAt;
		const bodies = new Map(changes.map((change) => [change.eventId, changeBody(change)]));
		const steps = shuffle(changes).map((change, n): Send[] => [
			{ eventId: change.eventId, target: n % 2, kind: 'first' },
		]);
		const logOffsets = deployment.workers.map((worker) => worker.logs().length);

		const outcomes = await sendSteps(
			steps,
			urlFor(hooks.guard),
			(eventId) => bodies.get(eventId) as string,
			IN_FLIGHT,
		);

		expect(countVerdicts(outcomes)).toEqual({ accepted: changes.length });
		const ids = new Set(bodies.keys());
		await settleAt(sink, changes.length, (body) => ids.has(String(body?.item?.eventId)), {
			timeoutMs: EXECUTIONS_TIMEOUT_MS,
			quietMs: QUIET_MS,
		});
		const verdicts = guardVerdicts(sink, ids);
		expect(verdicts.map((v) => v.eventId).sort()).toEqual([...ids].sort());

		const keys = [...new Set(changes.map((change) => `Employee:${change.employee}`))].sort();
		const violations = keys.flatMap((key) =>
			orderViolations(
				verdicts.filter((v) => v.freshness.key === key),
				newest,
			),
		);
		const started = deployment.workers.map(
			(worker, i) =>
				worker.logs().slice(logOffsets[i]).match(/Worker started execution/g)?.length ?? 0,
		);
		const fresh = verdicts.filter((v) => v.output === 'fresh').length;
		report(
			`n8n ${version} Freshness Guard: ${fresh} fresh, ${verdicts.length - fresh} stale; ` +
				`executions per worker ${started.join(' / ')}`,
		);
		expect(violations).toEqual([]);
		expect(started.every((count) => count > 0)).toBe(true);
		const { rows } = await admin.query(
			`SELECT entity_key, newest_us::text AS newest FROM ${tables.freshness} ORDER BY entity_key`,
		);
		const newestUs = String(Date.parse(newest) * 1000);
		expect(rows).toEqual(keys.map((key) => ({ entity_key: key, newest: newestUs })));
	});

	it('answers after the run across processes: a failure is released, its redelivery runs once', async () => {
		const eventId = `queue-after-${randomUUID()}`;
		const body = oneItem(eventId);
		const send = async (target: number) => {
			const answer = await deliver(deployment.webhookUrl(hooks.afterSuccess, target), body);
			return `${answer.status} ${String(answer.body?.status)}`;
		};

		sink.answerWith(500);
		try {
			expect(await send(0)).toBe('503 failed');
		} finally {
			sink.answerWith(200);
		}
		expect(await send(1)).toBe('200 processed');
		expect(await Promise.all([send(0), send(1)])).toEqual(['200 duplicate', '200 duplicate']);

		await sink.settle(QUIET_MS);
		const ran = sink
			.received()
			.map((request) => request.body as { item?: { eventId?: string }; executionId: string })
			.filter((handoff) => handoff?.item?.eventId === eventId)
			.map((handoff) => handoff.executionId);
		expect(new Set(ran).size).toBe(2);
		const { rows } = await admin.query(
			`SELECT status, claims FROM ${tables.afterSuccess} WHERE event_id = $1`,
			[eventId],
		);
		expect(rows).toEqual([{ status: 'processed', claims: 2 }]);
	}, 120_000);

	it('never logs the signing secret in any process', () => {
		const all = [deployment.main, ...deployment.webhooks, ...deployment.workers];
		for (const n8n of all) expect(n8n.logs()).not.toContain(TEST_SECRET);
	});
});
