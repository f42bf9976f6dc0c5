import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { waitFor } from './support/waitFor';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/** Purging is off: the background purge a claim starts would delete these old-dated rows. */
function newStore(tableName = db.newTableName()) {
	const pool = getPool(credentials, 'claim-suite', db.limits);
	const store = new PostgresStore(pool, { table: quoteTableName(tableName), retentionDays: 0 });
	return { store, tableName };
}

describe('PostgresStore.claim', () => {
	it('claims a new delivery and records it as received', async () => {
		const { store, tableName } = newStore();
		const receivedAt = new Date('2025-01-02T03:04:05.678Z');
		const delivery = deliveryRecord({ entityCount: 3, attempt: 2, receivedAt });

		expect(await store.claim(delivery)).toBe('claimed');

		const rows = await db.query(`SELECT * FROM ${tableName}`);
		expect(rows).toEqual([
			{
				connection_id: 'hook-1',
				event_id: delivery.eventId,
				event_type: 'EmployeeUpdated',
				entity_count: 3,
				attempt: 2,
				status: 'received',
				received_at: receivedAt,
				payload: delivery.payload,
				claim_token: delivery.claimToken,
				claims: 1,
				lease_until: null,
				finished_at: null,
				error: null,
			},
		]);
	});

	it('answers duplicate for a delivery it has already claimed', async () => {
		const { store, tableName } = newStore();
		const delivery = deliveryRecord();

		await store.claim(delivery);

		expect(await store.claim({ ...delivery, attempt: 2 })).toBe('duplicate');
		expect(await db.query(`SELECT attempt FROM ${tableName}`)).toEqual([{ attempt: 1 }]);
	});

	it('claims the same event id separately for another connection', async () => {
		const { store } = newStore();
		const delivery = deliveryRecord();

		await store.claim(delivery);

		expect(await store.claim({ ...delivery, connectionId: 'hook-2' })).toBe('claimed');
	});

	it('lets exactly one of 100 concurrent claims of one delivery win', async () => {
		const { store, tableName } = newStore();
		const delivery = deliveryRecord();

		const results = await Promise.all(
			Array.from({ length: 100 }, async () => await store.claim(delivery)),
		);

		expect(results.filter((result) => result === 'claimed')).toHaveLength(1);
		expect(results.filter((result) => result === 'duplicate')).toHaveLength(99);
		expect(await db.query(`SELECT count(*)::int AS n FROM ${tableName}`)).toEqual([{ n: 1 }]);
	});

	it('stores an out-of-range attempt as null and a NUL character as U+FFFD', async () => {
		const { store, tableName } = newStore();
		const delivery = deliveryRecord({ attempt: 2 ** 40, payload: { note: 'a\u0000b' } });

		expect(await store.claim(delivery)).toBe('claimed');
		expect(await db.query(`SELECT attempt, payload FROM ${tableName}`)).toEqual([
			{ attempt: null, payload: { note: 'a\uFFFDb' } },
		]);
	});

	it('stores NUL characters and lone surrogates anywhere in a delivery, as U+FFFD', async () => {
		const { store, tableName } = newStore();
		const delivery = deliveryRecord({
			eventId: 'evt\u0000nul',
			eventType: 'Employee\u0000Updated',
			payload: { 'a\u0000b': ['\ud800', 'ok \ud83d\ude00'], name: 'x\udc00' },
		});

		expect(await store.claim(delivery)).toBe('claimed');
		expect(await store.claim(delivery)).toBe('duplicate');
		expect(await db.query(`SELECT event_id, event_type, payload FROM ${tableName}`)).toEqual([
			{
				event_id: 'evt\uFFFDnul',
				event_type: 'Employee\uFFFDUpdated',
				payload: { 'a\uFFFDb': ['\uFFFD', 'ok \ud83d\ude00'], name: 'x\uFFFD' },
			},
		]);
	});

	it('keeps working after its pooled connections are terminated', async () => {
		const { store } = newStore();
		await store.claim(deliveryRecord());
		const pool = getPool(credentials, 'claim-suite', db.limits);

		expect(await db.terminateOwnConnections()).toBeGreaterThan(0);
		await waitFor('the pool to drop its dead connections', () => pool.totalCount === 0);

		expect(await store.claim(deliveryRecord())).toBe('claimed');
	});
});
