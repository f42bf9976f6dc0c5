import {
	isFresh,
	judgeRun,
	newestPerKey,
	type Check,
} from '../../../nodes/EmploymentHeroFreshnessGuard/decide';

const check = (key: string, at: number): Check => ({ key, at: BigInt(at) });

describe('isFresh', () => {
	it('passes the first timestamp seen for a key', () => {
		expect(isFresh(null, 5n)).toBe(true);
	});

	it('passes a newer timestamp', () => {
		expect(isFresh(5n, 6n)).toBe(true);
	});

	it('passes an equal timestamp, so that a retry of the same change goes through', () => {
		expect(isFresh(5n, 5n)).toBe(true);
	});

	it('stops a strictly older timestamp', () => {
		expect(isFresh(5n, 4n)).toBe(false);
	});
});

describe('newestPerKey', () => {
	it('keeps the newest timestamp of each key, whatever the order', () => {
		const newest = newestPerKey([check('a', 2), check('b', 1), check('a', 3), check('a', 1)]);

		expect(newest).toEqual(
			new Map([
				['a', 3n],
				['b', 1n],
			]),
		);
	});

	it('is empty for an empty run', () => {
		expect(newestPerKey([]).size).toBe(0);
	});
});

describe('judgeRun', () => {
	it('judges each item against what the store held before the run', () => {
		const verdicts = judgeRun([check('a', 5), check('b', 5)], new Map([['a', 6n], ['b', 4n]]));

		expect(verdicts).toEqual([
			{ fresh: false, previous: 6n },
			{ fresh: true, previous: 4n },
		]);
	});

	it('passes every key the store has never seen', () => {
		expect(judgeRun([check('a', 1)], new Map())).toEqual([{ fresh: true, previous: null }]);
	});

	it('stops an older version of an entity later in the same run', () => {
		const verdicts = judgeRun([check('a', 2), check('a', 1)], new Map([['a', null]]));

		expect(verdicts).toEqual([
			{ fresh: true, previous: null },
			{ fresh: false, previous: 2n },
		]);
	});

	it('passes versions of one entity that arrive oldest first in one run', () => {
		const verdicts = judgeRun([check('a', 1), check('a', 2), check('a', 2)], new Map());

		expect(verdicts.map((verdict) => verdict.fresh)).toEqual([true, true, true]);
		expect(verdicts.map((verdict) => verdict.previous)).toEqual([null, 1n, 2n]);
	});

	it('keeps keys apart', () => {
		const verdicts = judgeRun([check('a', 2), check('b', 1)], new Map());

		expect(verdicts.map((verdict) => verdict.fresh)).toEqual([true, true]);
	});

	it('treats a delete like any change: an older update after it is stale', () => {
		const deleteAt = 10;
		const verdicts = judgeRun([check('Employee:7', deleteAt), check('Employee:7', 9)], new Map());

		expect(verdicts[1]).toEqual({ fresh: false, previous: 10n });
	});

	it('agrees with checking item by item against a store', () => {
		const run = [check('a', 3), check('b', 1), check('a', 1), check('a', 4), check('b', 1)];
		const before = new Map<string, bigint | null>([['a', 2n]]);

		const stored = new Map(before);
		const oneByOne = run.map(({ key, at }) => {
			const previous = stored.get(key) ?? null;
			stored.set(key, previous !== null && previous > at ? previous : at);
			return { fresh: isFresh(previous, at), previous };
		});

		expect(judgeRun(run, before)).toEqual(oneByOne);
	});
});
