import { randomInt } from 'crypto';

import { PostgresStore } from '../../nodes/EmploymentHeroFreshnessGuard/store/PostgresStore';
import type { Micros } from '../../nodes/EmploymentHeroFreshnessGuard/timestamp';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/**
 * A store on a pool of its own; pools with different application names stand in for separate
 * n8n processes sharing one database.
 */
function newStore(tableName: string, process = 'a') {
	const limits = { ...db.limits, applicationName: `${db.limits.applicationName}-${process}` };
	const pool = getPool(credentials, `freshness-suite-${process}`, limits);
	return new PostgresStore(pool, quoteTableName(tableName));
}

function shuffle<T>(values: T[]): T[] {
	const shuffled = [...values];
	for (let i = shuffled.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
	}
	return shuffled;
}

const one = <T>(key: string, value: T) => new Map([[key, value]]);

describe('Freshness PostgresStore', () => {
	it('creates its table on first use and records a new key as never seen', async () => {
		const tableName = db.newTableName();
		const store = newStore(tableName);

		expect(await store.record(one('Employee:7', 5n))).toEqual(one('Employee:7', null));

		const rows = await db.query(`SELECT entity_key, newest_us, previous_us FROM ${tableName}`);
		expect(rows).toEqual([{ entity_key: 'Employee:7', newest_us: '5', previous_us: null }]);
	});

	it('returns what a key held before and raises it, never lowering it', async () => {
		const tableName = db.newTableName();
		const store = newStore(tableName);
		await store.record(one('k', 5n));

		expect(await store.record(one('k', 7n))).toEqual(one('k', 5n));
		expect(await store.record(one('k', 6n))).toEqual(one('k', 7n));
		expect(await store.record(one('k', 7n))).toEqual(one('k', 7n));

		expect(await db.query(`SELECT newest_us FROM ${tableName}`)).toEqual([{ newest_us: '7' }]);
	});

	it('records every key of a run in one call', async () => {
		const tableName = db.newTableName();
		const store = newStore(tableName);
		await store.record(one('b', 10n));

		const before = await store.record(
			new Map([
				['c', 1n],
				['b', 3n],
				['a', 2n],
			]),
		);

		expect(before).toEqual(
			new Map([
				['a', null],
				['b', 10n],
				['c', null],
			]),
		);
		const rows = await db.query(`SELECT entity_key, newest_us FROM ${tableName} ORDER BY 1`);
		expect(rows).toEqual([
			{ entity_key: 'a', newest_us: '2' },
			{ entity_key: 'b', newest_us: '10' },
			{ entity_key: 'c', newest_us: '1' },
		]);
	});

	it('keeps timestamps that a JavaScript number cannot hold exactly', async () => {
		const store = newStore(db.newTableName());
		const late = 253_402_300_799_999_999n;
		await store.record(one('k', late));

		expect(await store.read(['k'])).toEqual(one('k', late));
		expect(await store.record(one('k', late - 1n))).toEqual(one('k', late));
	});

	it('reads without writing anything', async () => {
		const tableName = db.newTableName();
		const store = newStore(tableName);
		await store.record(one('a', 5n));

		expect(await store.read(['a', 'b'])).toEqual(
			new Map([
				['a', 5n],
				['b', null],
			]),
		);
		expect(await db.query(`SELECT entity_key FROM ${tableName}`)).toEqual([{ entity_key: 'a' }]);
	});

	it('creates the table again when it has been dropped', async () => {
		const tableName = db.newTableName();
		const store = newStore(tableName);
		await store.record(one('a', 5n));
		await db.query(`DROP TABLE ${tableName}`);

		expect(await store.record(one('a', 4n))).toEqual(one('a', null));
	});

	it('creates one table when many processes start at once', async () => {
		const tableName = db.newTableName();
		const stores = Array.from({ length: 20 }, (_, i) => newStore(tableName, `p${i % 4}`));

		const results = await Promise.all(
			stores.map(async (store, i) => await store.record(one(`k${i}`, 1n))),
		);

		expect(results).toHaveLength(20);
		const [{ count }] = await db.query<{ count: string }>(`SELECT count(*) FROM ${tableName}`);
		expect(count).toBe('20');
	});

	it('passes no timestamp older than one already passed, across 50 concurrent checks', async () => {
		const tableName = db.newTableName();
		const stores = [newStore(tableName, 'a'), newStore(tableName, 'b')];
		await stores[0].createTable();
		const start = 1_714_555_800_000_000n;
		const timestamps = shuffle(Array.from({ length: 50 }, (_, i) => start + BigInt(i)));

		// Each check starts once a random earlier one has answered, so it must respect every
		// check on that chain that passed; all others run concurrently with it.
		interface Result {
			at: Micros;
			previous: Micros | null;
			fresh: boolean;
			/** Newest timestamp that had passed, as far as this check could know when it started. */
			knownPassed: Micros | null;
		}
		const results: Array<Promise<Result>> = [];
		timestamps.forEach((at, i) => {
			const after = i === 0 ? undefined : results[randomInt(i)];
			results.push(
				(async () => {
					const earlier = after ? await after : undefined;
					const passedBefore = earlier?.fresh ? earlier.at : null;
					const knownPassed = newer(earlier?.knownPassed ?? null, passedBefore);
					const previous = (await stores[i % 2].record(one('Employee:7', at))).get('Employee:7');
					const known = previous ?? null;
					return { at, previous: known, fresh: known === null || at >= known, knownPassed };
				})(),
			);
		});
		const settled = await Promise.all(results);

		for (const result of settled) {
			if (result.knownPassed !== null && result.at < result.knownPassed) {
				expect(result).toMatchObject({ fresh: false });
			}
		}
		// The checks ran in some order in which each passed item saw the one passed before it.
		const passed = settled.filter((result) => result.fresh).sort((a, b) => compare(a.at, b.at));
		passed.forEach((result, rank) => {
			expect(result.previous).toBe(rank === 0 ? null : passed[rank - 1].at);
		});
		const newest = timestamps.reduce(max);
		expect(passed[passed.length - 1].at).toBe(newest);
		expect(await db.query(`SELECT newest_us FROM ${tableName}`)).toEqual([
			{ newest_us: String(newest) },
		]);
	});

	it('passes every concurrent copy of one change', async () => {
		const tableName = db.newTableName();
		const stores = [newStore(tableName, 'a'), newStore(tableName, 'b')];
		await stores[0].record(one('k', 5n));

		const befores = await Promise.all(
			Array.from({ length: 20 }, async (_, i) => await stores[i % 2].record(one('k', 6n))),
		);

		const previous = befores.map((before) => before.get('k'));
		expect(previous.filter((value) => value === 5n)).toHaveLength(1);
		expect(previous.filter((value) => value === 6n)).toHaveLength(19);
	});

	it('finishes concurrent runs that share keys in different orders', async () => {
		const tableName = db.newTableName();
		const stores = [newStore(tableName, 'a'), newStore(tableName, 'b')];
		const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];

		const runs = Array.from(
			{ length: 30 },
			() => new Map(shuffle(keys).map((key) => [key, BigInt(randomInt(1_000_000))])),
		);
		await Promise.all(runs.map(async (run, i) => await stores[i % 2].record(run)));

		const rows = await db.query<{ entity_key: string; newest_us: string }>(
			`SELECT entity_key, newest_us FROM ${tableName} ORDER BY 1`,
		);
		const newestOf = (key: string) => runs.map((run) => run.get(key) ?? 0n).reduce(max);
		expect(rows).toEqual(
			keys.map((key) => ({ entity_key: key, newest_us: String(newestOf(key)) })),
		);
	});
});

function max(a: Micros, b: Micros): Micros {
	return a > b ? a : b;
}

function newer(a: Micros | null, b: Micros | null): Micros | null {
	if (a === null) return b;
	return b === null ? a : max(a, b);
}

function compare(a: Micros, b: Micros): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
