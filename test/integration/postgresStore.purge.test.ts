import {
	PostgresStore,
	PURGE_INTERVAL_MS,
} from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, useTestDatabase } from './support/testDatabase';
import { waitFor } from './support/waitFor';

const DAY = 86_400_000;

const db = useTestDatabase();

afterEach(() => jest.restoreAllMocks());

function newStore(options: { retentionDays?: number; now?: () => number } = {}) {
	const tableName = db.newTableName();
	const pool = getPool(credentials, 'purge-suite', db.limits);
	const table = quoteTableName(tableName);
	return { store: new PostgresStore(pool, { table, ...options }), tableName, pool, table };
}

/** Rows written directly, so that no claim starts a background purge of its own. */
async function seed(tableName: string, rows: Array<[string, string, number]>) {
	for (const [connectionId, eventId, ageDays] of rows) {
		await db.query(
			`INSERT INTO ${tableName} (connection_id, event_id, entity_count, received_at, payload)
			VALUES ($1, $2, 1, $3, '{}')`,
			[connectionId, eventId, new Date(Date.now() - ageDays * DAY)],
		);
	}
}

async function eventIds(tableName: string): Promise<string[]> {
	const rows = await db.query<{ id: string }>(
		`SELECT connection_id || '/' || event_id AS id FROM ${tableName} ORDER BY 1`,
	);
	return rows.map((row) => row.id);
}

describe('PostgresStore purge', () => {
	it("deletes only this connection's rows older than the retention", async () => {
		const { store, tableName } = newStore({ retentionDays: 30 });
		await store.createTable();
		await seed(tableName, [
			['hook-1', 'old', 31],
			['hook-1', 'recent', 29],
			['hook-2', 'other', 31],
		]);

		expect(await store.purgeExpired('hook-1')).toBe(1);

		expect(await eventIds(tableName)).toEqual(['hook-1/recent', 'hook-2/other']);
	});

	it('deletes a backlog larger than one batch', async () => {
		const { store, tableName } = newStore({ retentionDays: 1 });
		await store.createTable();
		await seed(tableName, [['hook-1', 'recent', 0]]);
		await db.query(
			`INSERT INTO ${tableName} (connection_id, event_id, entity_count, received_at, payload)
			SELECT 'hook-1', 'old-' || n, 1, now() - interval '2 days', '{}'
			FROM generate_series(1, 12000) AS n`,
		);

		expect(await store.purgeExpired('hook-1')).toBe(12000);
		expect(await eventIds(tableName)).toEqual(['hook-1/recent']);
	});

	it('keeps every row when the retention is 0 days', async () => {
		const { store, tableName } = newStore({ retentionDays: 0 });
		await store.createTable();
		await seed(tableName, [['hook-1', 'ancient', 20_000]]);

		expect(await store.purgeExpired('hook-1')).toBe(0);
		expect(await eventIds(tableName)).toEqual(['hook-1/ancient']);
	});

	it('purges in the background after a claim, without the claim waiting for it', async () => {
		const { store, tableName } = newStore({ retentionDays: 30 });
		const receivedAt = new Date(Date.now() - 40 * DAY);

		expect(await store.claim(deliveryRecord({ eventId: 'old', receivedAt }))).toBe('claimed');

		// The claim of the old row itself started the purge that removes it.
		await waitFor('the old row to be purged', async () => (await eventIds(tableName)).length === 0);
	});

	it('starts at most one purge an hour per table and connection, across store instances', async () => {
		let now = Date.now();
		const { pool, table } = newStore();
		const purge = jest.spyOn(PostgresStore.prototype, 'purgeExpired').mockResolvedValue(0);
		const claim = async (connectionId = 'hook-1') => {
			const store = new PostgresStore(pool, { table, now: () => now });
			return await store.claim(deliveryRecord({ connectionId }));
		};

		await claim();
		await claim();
		now += PURGE_INTERVAL_MS - 1;
		await claim();
		expect(purge).toHaveBeenCalledTimes(1);

		await claim('hook-2');
		expect(purge).toHaveBeenCalledTimes(2);

		now += 1;
		await claim();
		expect(purge).toHaveBeenCalledTimes(3);
	});
});
