import { employee, run } from '../unit/freshness/support/runGuard';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

function postgresSetup(tableName: string) {
	return { parameters: { store: 'postgres', tableName }, credentials };
}

describe('Freshness Guard with the Postgres store', () => {
	it('passes the newest version of an entity and stops an older one, across runs', async () => {
		const setup = postgresSetup(db.newTableName());

		const [first] = await run([employee('7', '2024-05-01T10:00:00Z')], setup).outputs;
		const [fresh, [stale]] = await run([employee('7', '2024-05-01T09:00:00Z')], setup).outputs;

		expect(first).toHaveLength(1);
		expect(fresh).toEqual([]);
		expect(stale.json.freshness).toEqual({
			key: 'Employee:7',
			previous: '2024-05-01T10:00:00.000Z',
			current: '2024-05-01T09:00:00.000Z',
		});
	});

	it('compares within a run and records only the newest of each entity', async () => {
		const tableName = db.newTableName();

		const [fresh, stale] = await run(
			[employee('7', 3), employee('8', 1), employee('7', 1), employee('7', 4)],
			postgresSetup(tableName),
		).outputs;

		expect(fresh.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
		expect(stale.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		const rows = await db.query(`SELECT entity_key, newest_us FROM ${tableName} ORDER BY 1`);
		expect(rows).toEqual([
			{ entity_key: 'Employee:7', newest_us: '4000000' },
			{ entity_key: 'Employee:8', newest_us: '1000000' },
		]);
	});

	it('records nothing in a manual execution', async () => {
		const tableName = db.newTableName();
		const setup = postgresSetup(tableName);
		await run([employee('7', 10)], setup).outputs;

		const [, stale] = await run([employee('7', 9)], { ...setup, mode: 'manual' }).outputs;
		const [fresh] = await run([employee('8', 9)], { ...setup, mode: 'manual' }).outputs;

		expect(stale).toHaveLength(1);
		expect(fresh).toHaveLength(1);
		expect(await db.query(`SELECT entity_key FROM ${tableName}`)).toEqual([
			{ entity_key: 'Employee:7' },
		]);
	});

	it('explains a table name it cannot use', async () => {
		const failure = run([employee('7', 1)], postgresSetup('bad name; drop')).outputs;

		await expect(failure).rejects.toMatchObject({
			message: expect.stringContaining('is not allowed'),
			description: 'Change the Table Name parameter and run the workflow again.',
		});
	});

	it('fails without passing anything when the database cannot be reached', async () => {
		const failure = run([employee('7', 1)], {
			parameters: { store: 'postgres', tableName: db.newTableName() },
			// A port on loopback that nothing listens on: refused at once.
			credentials: { ...credentials, port: 1 },
		}).outputs;

		await expect(failure).rejects.toMatchObject({
			message: 'Could not check freshness in Postgres',
			description: expect.stringMatching(/^connect ECONNREFUSED .*Nothing was recorded/),
		});
	});
});
