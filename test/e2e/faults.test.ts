import { randomBytes } from 'crypto';
import { Client } from 'pg';

import { workItem } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { TcpProxy } from '../helpers/tcpProxy';
import { fanInWorkflow } from './fanInWorkflow';
import { describeFigures, executionsOf, Ledger } from './faults/ledger';
import {
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
} from './harness';

/**
 * Faults while deliveries flow: Postgres refusing connections, and n8n killed (SIGKILL) between a
 * delivery and its replay. Employment Hero API timeouts are covered where they are handled:
 * test/unit/api/sendWithRetry.test.ts ("retries timeouts ...", "recovers from a timeout") and
 * test/unit/api/employmentHero.node.test.ts ("retries a request that timed out").
 */
const postgres = {
	host: process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.PGPORT ?? 5432),
	database: process.env.PGDATABASE ?? 'test',
	user: process.env.PGUSER ?? 'postgres',
	password: process.env.PGPASSWORD ?? '',
};

const STREAM = 40;
const SENDERS = 4;
/** The outage starts once this many deliveries of the stream are accepted. */
const OUTAGE_AFTER = 10;
const OUTAGE_MS = 1_500;
/** Per store, in each of the two kill batches. */
const KILL_BATCH = 3;
/** How long a delivery may take to run; after a fault, some are expected never to. */
const FIRST_RUN_MS = 10_000;
const AFTER_FAULT_RUN_MS = 5_000;
const QUIET_MS = 3_000;

jest.setTimeout(180_000);

type Store = 'postgres' | 'staticData';

interface Delivery {
	store: Store;
	eventId: string;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));
const body = (eventId: string) => workItem(eventId, [['EmployeeUpdated', 1]]);
const idsOf = (deliveries: Delivery[], store: Store) =>
	deliveries.filter((delivery) => delivery.store === store).map(({ eventId }) => eventId);

describe.each(N8N_VERSIONS)('faults in n8n %s', (version) => {
	const schema = `eh_faults_${randomBytes(4).toString('hex')}`;
	const tag = randomBytes(3).toString('hex');
	const hooks: Record<Store, string> = {
		postgres: `eh-faults-pg-${tag}`,
		staticData: `eh-faults-static-${tag}`,
	};
	let admin: Client;
	let proxy: TcpProxy;
	let sink: Sink;
	let n8n: N8nInstance;

	/** Waits for each delivery's first execution, `withinMs` in all (a lost one never comes). */
	async function firstRuns(eventIds: string[], withinMs = FIRST_RUN_MS): Promise<void> {
		const deadline = Date.now() + withinMs;
		while (Date.now() < deadline && eventIds.some((id) => executionsOf(sink, id) === 0)) {
			await sleep(50);
		}
	}

	/** Waits until an INSERT into this run's schema is sleeping in its trigger, 10 s at most. */
	/** Waits for first executions, then long enough for a second one to show up, if any. */
	async function settle(eventIds: string[], withinMs = FIRST_RUN_MS): Promise<void> {
		await firstRuns(eventIds, withinMs);
		await sink.settle(QUIET_MS);
	}

	beforeAll(async () => {
		admin = new Client({ ...postgres, application_name: `eh-e2e-${schema}` });
		await admin.connect();
		await admin.query(`CREATE SCHEMA "${schema}"`);
		proxy = await TcpProxy.start({ host: postgres.host, port: postgres.port });
		sink = await startSink();
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				{
					id: 'ehPgProxied',
					name: 'ehPgProxied',
					type: 'postgres',
					data: { ...postgres, port: proxy.port, ssl: 'disable', allowUnauthorizedCerts: false },
				},
			],
			workflows: [
				fanInWorkflow({
					id: 'ehFaults',
					name: 'Faults',
					credentialId: 'ehWebhook',
					sinkUrl: sink.url,
					triggers: [
						{
							name: 'Postgres Store',
							webhookId: hooks.postgres,
							parameters: { dedupeStore: 'postgres', tableName: `${schema}.events` },
							credentials: { postgres: 'ehPgProxied' },
						},
						{
							name: 'Static Data Store',
							webhookId: hooks.staticData,
							parameters: { dedupeStore: 'staticData' },
						},
					],
				}),
			],
		});
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await proxy?.stop();
		await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
		await admin?.end();
	}, 60_000);

	it('loses and doubles nothing when Postgres refuses connections amid a stream', async () => {
		const url = n8n.webhookUrl(hooks.postgres);
		const ledger = new Ledger(sink);
		const eventIds = Array.from({ length: STREAM }, (_, i) => `pg-stream-${tag}-${i}`);
		const queue = [...eventIds];
		let acceptedSoFar = 0;

		const outage = (async () => {
			while (acceptedSoFar < OUTAGE_AFTER) await sleep(5);
			await proxy.refuse();
			await sleep(OUTAGE_MS);
			await proxy.restore();
		})();
		const senders = Array.from({ length: SENDERS }, async () => {
			for (let eventId = queue.shift(); eventId; eventId = queue.shift()) {
				const answer = await ledger.sendUntilOk(url, eventId, body(eventId));
				if (answer.body?.status === 'accepted') acceptedSoFar++;
			}
		});
		await Promise.all([outage, ...senders]);
		for (const eventId of eventIds) await ledger.sendUntilOk(url, eventId, body(eventId));
		await settle(eventIds);

		const figures = ledger.figures(eventIds);
		const replays = eventIds.map((eventId) => ledger.answersOf(eventId).at(-1)?.body?.status);
		process.stdout.write(
			`faults n8n ${version}: Postgres refused for ${OUTAGE_MS} ms amid the stream: ` +
				`${describeFigures(figures)}, 503 answers ${ledger.count(503)}, replays answered ` +
				`duplicate ${replays.filter((status) => status === 'duplicate').length}\n`,
		);
		expect(ledger.count(503)).toBeGreaterThan(0);
		expect(figures).toMatchObject({
			sent: STREAM,
			accepted: STREAM,
			executed: STREAM,
			lost: 0,
			executedTwice: 0,
		});
		expect(replays).toEqual(eventIds.map(() => 'duplicate'));
	});

	// The answer to a claim is lost after Postgres committed it: the trigger answers 503 and owes a
	// release, so the sender's retry runs the delivery instead of finding a duplicate.
	it('runs a delivery whose claim committed but whose answer was lost', async () => {
		const url = n8n.webhookUrl(hooks.postgres);
		const ledger = new Ledger(sink);
		const eventId = `pg-commit-lost-${tag}`;
		await ledger.sendUntilOk(url, `pg-table-${tag}`, body(`pg-table-${tag}`));

		proxy.muteReplies();
		try {
			expect((await ledger.sendOnce(url, eventId, body(eventId)))?.status).toBe(503);
		} finally {
			await proxy.refuse();
			await proxy.restore();
		}
		const committed = await admin.query(
			`SELECT 1 FROM "${schema}".events WHERE event_id = $1`,
			[eventId],
		);
		expect(committed.rowCount).toBe(1);
		await ledger.sendUntilOk(url, eventId, body(eventId));
		await settle([eventId], AFTER_FAULT_RUN_MS);

		const figures = ledger.figures([eventId]);
		const answers = ledger.answersOf(eventId).map((answer) => answer.body?.status ?? answer.status);
		process.stdout.write(
			`faults n8n ${version}: claim committed, answer lost: ` +
				`${describeFigures(figures)}, answers ${answers.join(' then ')}\n`,
		);
		expect(figures).toMatchObject({ executed: 1, lost: 0 });
	});

	it('runs nothing twice when n8n is killed between deliveries and replays', async () => {
		const ledger = new Ledger(sink);
		const batch = (when: string): Delivery[] =>
			(['postgres', 'staticData'] as const).flatMap((store) =>
				Array.from({ length: KILL_BATCH }, (_, i) => ({
					store,
					eventId: `kill-${when}-${store}-${tag}-${i}`,
				})),
			);
		const ran = batch('after-run');
		const answered = batch('after-answer');
		const send = async ({ store, eventId }: Delivery) =>
			await ledger.sendUntilOk(n8n.webhookUrl(hooks[store]), eventId, body(eventId));

		// Deliveries that have run to the end before the kill...
		await Promise.all(ran.map(send));
		await firstRuns(ran.map(({ eventId }) => eventId));
		// ...and deliveries answered just before it, whose executions may not have finished.
		await Promise.all(answered.map(send));
		const ranBeforeKill = answered.filter(({ eventId }) => executionsOf(sink, eventId) > 0);
		await n8n.kill();
		await n8n.restart();
		for (const delivery of [...ran, ...answered]) await send(delivery);
		await settle(
			[...ran, ...answered].map(({ eventId }) => eventId),
			AFTER_FAULT_RUN_MS,
		);

		const claimsKept = (deliveries: Delivery[], store: Store) =>
			idsOf(deliveries, store).filter(
				(eventId) => ledger.answersOf(eventId).at(-1)?.body?.status === 'duplicate',
			).length;
		const report = (deliveries: Delivery[]) =>
			(['postgres', 'staticData'] as const)
				.map(
					(store) =>
						`${store}: ${describeFigures(ledger.figures(idsOf(deliveries, store)))}, ` +
						`claims kept ${claimsKept(deliveries, store)}`,
				)
				.join('; ');
		process.stdout.write(
			`faults n8n ${version}: killed after the executions — ${report(ran)}\n` +
				`faults n8n ${version}: killed right after the answers (${ranBeforeKill.length} of ` +
				`${answered.length} had run) — ${report(answered)}\n`,
		);
		for (const store of ['postgres', 'staticData'] as const) {
			expect(ledger.figures(idsOf(ran, store))).toMatchObject({
				executed: KILL_BATCH,
				lost: 0,
				executedTwice: 0,
			});
			expect(claimsKept(ran, store)).toBe(KILL_BATCH);
			expect(ledger.figures(idsOf(answered, store))).toMatchObject({ executedTwice: 0 });
		}
		expect(claimsKept(answered, 'postgres')).toBe(KILL_BATCH);
	});
});
