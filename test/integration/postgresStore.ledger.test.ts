import { randomUUID } from 'crypto';

import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { RELEASE_RETRY_MS } from '../../nodes/EmploymentHeroTrigger/dedupe/pendingReleases';
import { getPool, quoteTableName, releasePool } from '../../nodes/shared/postgres';
import { TcpProxy } from '../helpers/tcpProxy';
import { deliveryRecord } from './support/deliveryRecord';
import { waitFor } from './support/waitFor';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
let proxy: TcpProxy;

beforeAll(async () => {
	proxy = await TcpProxy.start({ host: String(credentials.host), port: Number(credentials.port) });
});

afterAll(async () => await proxy?.stop());

function newStore(options: { leaseSeconds?: number; port?: number; user?: string } = {}) {
	const tableName = db.newTableName();
	const pool = getPool(
		{ ...credentials, host: '127.0.0.1', port: options.port ?? Number(credentials.port) },
		options.user ?? 'ledger-suite',
		db.limits,
	);
	const store = new PostgresStore(pool, {
		table: quoteTableName(tableName),
		retentionDays: 0,
		leaseSeconds: options.leaseSeconds,
	});
	const row = async (eventId: string) =>
		(
			await db.query(
				`SELECT status, claims, error, finished_at IS NOT NULL AS finished FROM ${tableName}
				WHERE event_id = $1`,
				[eventId],
			)
		)[0];
	return { store, tableName, row };
}

/** A redelivery of the same event: same ids, a claim token of its own. */
function again<T extends { claimToken: string }>(delivery: T): T {
	return { ...delivery, claimToken: randomUUID() };
}

describe('PostgresStore as a delivery ledger', () => {
	it('marks a succeeded run processed, after which a redelivery stays a duplicate', async () => {
		const { store, row } = newStore();
		const delivery = deliveryRecord();
		await store.claim(delivery);

		await store.settle(delivery, { succeeded: true });

		expect(await row(delivery.eventId)).toEqual({
			status: 'processed',
			claims: 1,
			error: null,
			finished: true,
		});
		expect(await store.claim(again(delivery))).toBe('duplicate');
	});

	it('marks a failed run failed, and claims its redelivery exactly once', async () => {
		const { store, row } = newStore();
		const delivery = deliveryRecord();
		await store.claim(delivery);

		await store.settle(delivery, { succeeded: false, reason: 'node "Upsert" failed' });
		expect(await row(delivery.eventId)).toEqual({
			status: 'failed',
			claims: 1,
			error: 'node "Upsert" failed',
			finished: true,
		});

		const copies = await Promise.all(Array.from({ length: 20 }, () => store.claim(again(delivery))));
		expect(copies.filter((result) => result === 'claimed')).toHaveLength(1);
		expect(await row(delivery.eventId)).toEqual({
			status: 'received',
			claims: 2,
			error: null,
			finished: false,
		});
	});

	it('ignores a late settlement from a claim that has since been replaced', async () => {
		const { store, row } = newStore();
		const first = deliveryRecord();
		await store.claim(first);
		await store.settle(first, { succeeded: false, reason: 'first run failed' });
		const second = again(first);
		await store.claim(second);

		await store.settle(first, { succeeded: true });
		expect((await row(first.eventId)).status).toBe('received');

		await store.settle(second, { succeeded: true });
		expect((await row(first.eventId)).status).toBe('processed');
	});

	it('never expires an unsettled claim without a lease', async () => {
		const { store, tableName } = newStore();
		const delivery = deliveryRecord();
		await store.claim(delivery);
		await db.query(`UPDATE ${tableName} SET received_at = now() - interval '30 days'`);

		expect(await store.claim(again(delivery))).toBe('duplicate');
	});

	it('lets a redelivery take over a claim whose lease ran out, and not before', async () => {
		const { store, tableName, row } = newStore({ leaseSeconds: 600 });
		const delivery = deliveryRecord();
		await store.claim(delivery);
		expect(await store.claim(again(delivery), { tellRunning: true })).toBe('running');

		// Moving the lease into the past stands in for waiting ten minutes.
		await db.query(`UPDATE ${tableName} SET lease_until = now() - interval '1 second'`);

		expect(await store.claim(again(delivery))).toBe('claimed');
		expect((await row(delivery.eventId)).claims).toBe(2);
		expect(await store.claim(again(delivery), { tellRunning: true })).toBe('running');
	});

	it('tells a copy of a run still under its lease from a duplicate of a settled one', async () => {
		const { store } = newStore({ leaseSeconds: 600 });
		const delivery = deliveryRecord();
		await store.claim(delivery);

		const copies = await Promise.all(
			Array.from({ length: 10 }, () => store.claim(again(delivery), { tellRunning: true })),
		);
		expect(new Set(copies)).toEqual(new Set(['running']));

		await store.settle(delivery, { succeeded: true });
		expect(await store.claim(again(delivery), { tellRunning: true })).toBe('duplicate');
	});

	it('upgrades a table created by the first release and keeps its rows', async () => {
		const { store, tableName, row } = newStore();
		await db.query(`CREATE TABLE ${tableName} (
			connection_id text NOT NULL, event_id text NOT NULL, event_type text,
			entity_count integer NOT NULL, attempt integer, status text NOT NULL DEFAULT 'received',
			received_at timestamptz NOT NULL, payload jsonb NOT NULL,
			PRIMARY KEY (connection_id, event_id))`);
		const old = deliveryRecord();
		await db.query(
			`INSERT INTO ${tableName} (connection_id, event_id, entity_count, received_at, payload)
			VALUES ($1, $2, 1, now(), '{}')`,
			[old.connectionId, old.eventId],
		);

		const fresh = deliveryRecord();
		expect(await store.claim(fresh)).toBe('claimed');
		expect(await store.claim(old)).toBe('duplicate');
		expect(await row(old.eventId)).toEqual({
			status: 'received',
			claims: 1,
			error: null,
			finished: false,
		});
	});

	it('runs a redelivery whose earlier claim committed but whose answer was lost', async () => {
		const { store, row } = newStore({ port: proxy.port, user: 'ledger-lost' });
		await store.claim(deliveryRecord());
		const delivery = deliveryRecord();

		proxy.muteReplies();
		await expect(store.claim(delivery)).rejects.toThrow(/claim failed/);
		expect((await row(delivery.eventId)).status).toBe('received');
		await proxy.refuse();
		await proxy.restore();

		expect(await store.claim(again(delivery))).toBe('claimed');
		expect(await store.claim(again(delivery))).toBe('duplicate');
		expect((await row(delivery.eventId)).claims).toBe(2);
	});

	it('writes a settlement the database missed once it answers again', async () => {
		const { store, row } = newStore({ port: proxy.port, user: 'ledger-late' });
		const delivery = deliveryRecord();
		await store.claim(delivery);

		await proxy.refuse();
		await store.settle(delivery, { succeeded: false, reason: 'run failed during an outage' });
		expect((await row(delivery.eventId)).status).toBe('received');
		await proxy.restore();

		await waitFor(
			`the retried settlement (every ${RELEASE_RETRY_MS} ms)`,
			async () => (await row(delivery.eventId)).status === 'failed',
		);
	});

	it('settles through a fresh pool when n8n closed the one the claim used', async () => {
		const tableName = db.newTableName();
		const table = quoteTableName(tableName);
		const limits = { ...db.limits, maxConnections: 2 };
		const user = 'ledger-reconnect';
		const first = getPool(credentials, user, limits);
		const store = new PostgresStore(first, {
			table,
			retentionDays: 0,
			reconnect: () => getPool(credentials, user, limits),
		});
		const delivery = deliveryRecord();
		await store.claim(delivery);

		// Saving an active workflow lets go of the trigger's pool while its run is still going.
		await releasePool(user);
		expect(first.ended).toBe(true);
		await store.settle(delivery, { succeeded: true });

		const rows = await db.query(`SELECT status FROM ${tableName}`);
		expect(rows).toEqual([{ status: 'processed' }]);
		await releasePool(user);
	});
});
