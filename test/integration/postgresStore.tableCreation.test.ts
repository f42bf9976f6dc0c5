import { Pool } from 'pg';

import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { createTableSql } from '../../nodes/EmploymentHeroTrigger/dedupe/postgresSql';
import { quoteTableName, toPoolConfig } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, testDatabase } from './support/testDatabase';
import { waitFor } from './support/waitFor';

// The suite's own pools must end before its schema is dropped, so it schedules both itself.
const db = testDatabase();
const pools: Pool[] = [];

beforeAll(async () => await db.create());

afterAll(async () => {
	await Promise.all(pools.map(async (pool) => await pool.end()));
	await db.drop();
});

/** A pool of its own, as another n8n process would have. */
function processPool(statementTimeoutMs = 5_000): Pool {
	const pool = new Pool(
		toPoolConfig(credentials, { ...db.limits, maxConnections: 2, statementTimeoutMs }),
	);
	pools.push(pool);
	return pool;
}

async function tableExists(tableName: string): Promise<boolean> {
	const [row] = await db.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
		tableName,
	]);
	return row.found !== null;
}

describe('PostgresStore table creation', () => {
	it('creates the table and its index on first claim', async () => {
		const tableName = db.newTableName();
		const store = new PostgresStore(processPool(), { table: quoteTableName(tableName) });

		expect(await tableExists(tableName)).toBe(false);
		expect(await store.claim(deliveryRecord())).toBe('claimed');

		expect(await tableExists(tableName)).toBe(true);
		const indexes = await db.query(
			'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY 1',
			[db.schema, tableName.split('.')[1]],
		);
		expect(indexes.map((row) => row.indexname)).toEqual([
			`${tableName.split('.')[1]}_pkey`,
			`${tableName.split('.')[1]}_received_idx`,
			`${tableName.split('.')[1]}_status_idx`,
		]);
	});

	it.each([1, 2, 3, 4, 5])(
		'lets six processes create one table at once, all claims succeeding (round %i)',
		async () => {
			const table = quoteTableName(db.newTableName());
			const stores = Array.from({ length: 6 }, () => new PostgresStore(processPool(), { table }));
			const shared = deliveryRecord();

			const results = await Promise.all(
				stores.flatMap((store) => [
					store.claim(deliveryRecord()),
					store.claim(deliveryRecord()),
					store.claim(shared),
				]),
			);

			expect(results.filter((result) => result === 'claimed')).toHaveLength(6 * 2 + 1);
			expect(results.filter((result) => result === 'duplicate')).toHaveLength(5);
		},
	);

	it('retries when another creator without the lock commits the same table first', async () => {
		const tableName = db.newTableName();
		const table = quoteTableName(tableName);
		const pool = processPool(10_000);
		const store = new PostgresStore(pool, { table });
		const rival = await db.openClient();

		try {
			await rival.query('BEGIN');
			await rival.query(createTableSql(table)[0]);
			const creation = store.createTable();
			await waitFor('our CREATE TABLE to wait on the rival', async () => {
				const waiting = await db.query(
					`SELECT 1 FROM pg_stat_activity
					WHERE application_name = $1 AND wait_event_type = 'Lock' AND query LIKE 'CREATE TABLE%'`,
					[db.limits.applicationName],
				);
				return waiting.length > 0;
			});
			await rival.query('COMMIT');

			await expect(creation).resolves.toBeUndefined();
		} finally {
			await rival.end();
		}
		expect(await store.claim(deliveryRecord())).toBe('claimed');
	});
});
