import { randomUUID } from 'crypto';

import { listSql, markFailedSql, markProcessedSql } from '../../nodes/EmploymentHeroLedger/ledgerSql';
import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/** A trigger's table with one claimed delivery per given event id. */
async function ledgerWith(...eventIds: string[]) {
	return await ledgerOf({ leaseSeconds: 0 }, ...eventIds);
}

async function ledgerOf(options: { leaseSeconds: number }, ...eventIds: string[]) {
	const pool = getPool(credentials, 'ledger-sql-suite', db.limits);
	const table = quoteTableName(db.newTableName());
	const store = new PostgresStore(pool, { table, retentionDays: 0, ...options });
	const deliveries = eventIds.map((eventId) => deliveryRecord({ eventId }));
	for (const delivery of deliveries) await store.claim(delivery);
	const statusOf = async (eventId: string) =>
		(await db.query(`SELECT status FROM ${table.sql} WHERE event_id = $1`, [eventId]))[0]?.status;
	return { pool, table, store, deliveries, statusOf };
}

describe('the Delivery Ledger statements', () => {
	it('marks received deliveries processed, and leaves failed ones to their redelivery', async () => {
		const { pool, table, store, deliveries, statusOf } = await ledgerWith('a', 'b', 'c');
		await store.settle(deliveries[2], { succeeded: false, reason: 'failed' });

		await pool.query(markProcessedSql(table), [['a', 'b', 'c', 'unknown'], null]);

		expect([await statusOf('a'), await statusOf('b'), await statusOf('c')]).toEqual([
			'processed',
			'processed',
			'failed',
		]);
	});

	it('limits marks to one trigger when its webhook id is given', async () => {
		const { pool, table, statusOf } = await ledgerWith('a');

		await pool.query(markProcessedSql(table), [['a'], 'another-hook']);
		expect(await statusOf('a')).toBe('received');
		await pool.query(markProcessedSql(table), [['a'], 'hook-1']);
		expect(await statusOf('a')).toBe('processed');
	});

	it('marks a failed run failed, but not a redelivery claimed after the run started', async () => {
		const { pool, table, store, deliveries, statusOf } = await ledgerWith('a');
		const runStarted = new Date(Date.now() - 60_000).toISOString();
		await store.settle(deliveries[0], { succeeded: false, reason: 'first run' });
		await store.claim({ ...deliveries[0], claimToken: randomUUID(), receivedAt: new Date() });

		const late = await pool.query(markFailedSql(table), ['a', null, 'late alert', runStarted]);
		expect(late.rowCount).toBe(0);
		expect(await statusOf('a')).toBe('received');

		const now = await pool.query(markFailedSql(table), ['a', null, 'node failed', null]);
		expect(now.rows).toEqual([
			expect.objectContaining({ eventId: 'a', status: 'failed', error: 'node failed', claims: 2 }),
		]);
	});

	it('never marks a processed delivery failed', async () => {
		const { pool, table, store, deliveries, statusOf } = await ledgerWith('a');
		await store.settle(deliveries[0], { succeeded: true });

		expect((await pool.query(markFailedSql(table), ['a', null, 'x', null])).rowCount).toBe(0);
		expect(await statusOf('a')).toBe('processed');
	});

	it('lists failed deliveries, and unfinished ones whose lease ran out, oldest first', async () => {
		const leased = await ledgerOf({ leaseSeconds: 600 }, 'expired', 'failed', 'done', 'leased');
		const { pool, table, store, deliveries } = leased;
		await store.settle(deliveries[1], { succeeded: false, reason: 'boom' });
		await store.settle(deliveries[2], { succeeded: true });
		await db.query(
			`UPDATE ${table.sql} SET lease_until = now() - interval '1 minute',
				received_at = now() - interval '1 hour' WHERE event_id = 'expired'`,
		);

		const ids = async (which: string) =>
			(await pool.query(listSql(table), [which, null, 50])).rows.map((r) => r.eventId);

		expect(await ids('both')).toEqual(['expired', 'failed']);
		expect(await ids('failed')).toEqual(['failed']);
		expect(await ids('unfinished')).toEqual(['expired']);
		const [row] = (await pool.query(listSql(table), ['failed', null, 1])).rows;
		expect(row).toMatchObject({ eventId: 'failed', error: 'boom', payload: deliveries[1].payload });
	});

	it('never lists a claim made without a lease, however old, as unfinished', async () => {
		const { pool, table } = await ledgerWith('old');
		await db.query(`UPDATE ${table.sql} SET received_at = now() - interval '30 days'`);

		expect((await pool.query(listSql(table), ['both', null, 50])).rows).toEqual([]);
	});

	it('lets each dead letter be claimed again exactly once by its replay', async () => {
		const { table, store, deliveries } = await ledgerOf({ leaseSeconds: 600 }, 'expired', 'failed');
		await store.settle(deliveries[1], { succeeded: false, reason: 'boom' });
		await db.query(`UPDATE ${table.sql} SET lease_until = now() - interval '1 second'`);

		for (const delivery of deliveries) {
			const replays = await Promise.all(
				[1, 2, 3].map(() => store.claim({ ...delivery, claimToken: randomUUID() })),
			);
			expect(replays.filter((result) => result === 'claimed')).toHaveLength(1);
		}
	});
});
