import { randomUUID } from 'crypto';

import {
	listSql,
	markFailedSql,
	markProcessedSql,
	releaseSql,
} from '../../nodes/EmploymentHeroLedger/ledgerSql';
import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/** A trigger's table with one claimed delivery per given event id. */
async function ledgerWith(...eventIds: string[]) {
	const pool = getPool(credentials, 'ledger-sql-suite', db.limits);
	const table = quoteTableName(db.newTableName());
	const store = new PostgresStore(pool, { table, retentionDays: 0 });
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

	it('lists failed and unfinished deliveries with their payloads, oldest first', async () => {
		const { pool, table, store, deliveries } = await ledgerWith('old', 'failed', 'done', 'new');
		await store.settle(deliveries[1], { succeeded: false, reason: 'boom' });
		await store.settle(deliveries[2], { succeeded: true });
		await db.query(
			`UPDATE ${table.sql} SET received_at = now() - interval '2 hours' WHERE event_id = 'old'`,
		);

		const ids = async (which: string, minutes: number) =>
			(await pool.query(listSql(table), [which, minutes, null, 50])).rows.map((r) => r.eventId);

		expect(await ids('both', 60)).toEqual(['old', 'failed']);
		expect(await ids('failed', 60)).toEqual(['failed']);
		expect(await ids('unfinished', 60)).toEqual(['old']);
		expect((await ids('unfinished', 0)).sort()).toEqual(['new', 'old']);
		const [row] = (await pool.query(listSql(table), ['failed', 60, null, 1])).rows;
		expect(row).toMatchObject({ eventId: 'failed', error: 'boom', payload: deliveries[1].payload });
	});

	it('releases an unfinished delivery for its replay, which then claims it once', async () => {
		const { pool, table, store, deliveries, statusOf } = await ledgerWith('a');

		await pool.query(releaseSql(table), ['a', 'hook-1']);
		expect(await statusOf('a')).toBe('failed');

		const replay = { ...deliveries[0], claimToken: randomUUID() };
		expect(await store.claim(replay)).toBe('claimed');
		expect(await store.claim({ ...replay, claimToken: randomUUID() })).toBe('duplicate');
	});
});
