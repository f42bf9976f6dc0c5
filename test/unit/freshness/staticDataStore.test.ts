import type { IDataObject } from 'n8n-workflow';

import {
	evictOldest,
	forgetProcessEntries,
	StaticDataStore,
} from '../../../nodes/EmploymentHeroFreshnessGuard/store/StaticDataStore';

afterEach(() => forgetProcessEntries());

function clock(start = 1_000) {
	let now = start;
	return { now: () => now, tick: () => (now += 1) };
}

describe('StaticDataStore', () => {
	it('returns null for a key it has never recorded, and records it', async () => {
		const staticData: IDataObject = {};
		const store = new StaticDataStore(staticData, 'wf:node');

		expect(await store.record(new Map([['a', 5n]]))).toEqual(new Map([['a', null]]));
		expect(await store.read(['a'])).toEqual(new Map([['a', 5n]]));
	});

	it('returns what it held before and keeps the larger timestamp', async () => {
		const store = new StaticDataStore({}, 'wf:node');
		await store.record(new Map([['a', 5n]]));

		expect(await store.record(new Map([['a', 3n]]))).toEqual(new Map([['a', 5n]]));
		expect(await store.read(['a'])).toEqual(new Map([['a', 5n]]));
	});

	it('saves to static data in a form that survives a restart', async () => {
		const staticData: IDataObject = {};
		await new StaticDataStore(staticData, 'wf:node').record(new Map([['a', 5n]]));
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;

		forgetProcessEntries();

		expect(await new StaticDataStore(saved, 'wf:node').read(['a'])).toEqual(new Map([['a', 5n]]));
	});

	it('saves a key that is also an object property name', async () => {
		const staticData: IDataObject = {};
		await new StaticDataStore(staticData, 'wf:node').record(new Map([['__proto__', 5n]]));
		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;

		forgetProcessEntries();

		expect(await new StaticDataStore(saved, 'wf:node').read(['__proto__'])).toEqual(
			new Map([['__proto__', 5n]]),
		);
	});

	it('keeps timestamps beyond what a JavaScript number holds exactly', async () => {
		const staticData: IDataObject = {};
		const big = 253_402_300_799_999_999n;
		await new StaticDataStore(staticData, 'wf:node').record(new Map([['a', big]]));
		forgetProcessEntries();

		const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(await new StaticDataStore(saved, 'wf:node').read(['a'])).toEqual(new Map([['a', big]]));
	});

	it('sees what a concurrent execution in this process recorded since it loaded', async () => {
		const loadedAtStart = {};
		const otherExecution = new StaticDataStore({}, 'wf:node');
		await otherExecution.record(new Map([['a', 5n]]));

		const store = new StaticDataStore(loadedAtStart, 'wf:node');

		expect(await store.record(new Map([['a', 4n]]))).toEqual(new Map([['a', 5n]]));
	});

	it('merges its records into every save, so that no concurrent save drops them', async () => {
		await new StaticDataStore({}, 'wf:node').record(new Map([['a', 5n]]));
		const staticData: IDataObject = {};

		await new StaticDataStore(staticData, 'wf:node').record(new Map([['b', 1n]]));
		forgetProcessEntries();

		expect(await new StaticDataStore(staticData, 'wf:node').read(['a', 'b'])).toEqual(
			new Map([
				['a', 5n],
				['b', 1n],
			]),
		);
	});

	it('keeps workflows and nodes apart', async () => {
		await new StaticDataStore({}, 'wf:node-1').record(new Map([['a', 5n]]));

		expect(await new StaticDataStore({}, 'wf:node-2').read(['a'])).toEqual(new Map([['a', null]]));
	});

	it('records nothing when it only reads', async () => {
		const staticData: IDataObject = {};
		const store = new StaticDataStore(staticData, 'wf:node');

		await store.read(['a']);

		expect(staticData).toEqual({});
	});

	it('forgets the keys recorded longest ago once past its bound', async () => {
		const time = clock();
		const staticData: IDataObject = {};
		const store = new StaticDataStore(staticData, 'wf:node', 2, time.now);

		await store.record(new Map([['a', 1n]]));
		time.tick();
		await store.record(new Map([['b', 1n]]));
		time.tick();
		await store.record(new Map([['a', 2n]]));
		time.tick();
		await store.record(new Map([['c', 1n]]));

		expect(Object.keys(staticData.newest as IDataObject).sort()).toEqual(['a', 'c']);
		expect(await store.read(['b'])).toEqual(new Map([['b', null]]));
	});

	it('ignores saved entries it does not recognise', async () => {
		const staticData: IDataObject = {
			newest: { good: ['5', 1], bad: 'x', worse: [5, 1], worst: ['1e3', 1] },
		};

		const read = await new StaticDataStore(staticData, 'wf:node').read(['good', 'bad', 'worse']);

		expect(read).toEqual(
			new Map([
				['good', 5n],
				['bad', null],
				['worse', null],
			]),
		);
	});
});

describe('evictOldest', () => {
	it('leaves a map within its bound alone', () => {
		const entries = new Map([['a', { newest: 1n, touchedAt: 1 }]]);

		evictOldest(entries, 1);

		expect([...entries.keys()]).toEqual(['a']);
	});

	it('drops the least recently touched keys first', () => {
		const entries = new Map([
			['new', { newest: 1n, touchedAt: 3 }],
			['old', { newest: 9n, touchedAt: 1 }],
			['mid', { newest: 5n, touchedAt: 2 }],
		]);

		evictOldest(entries, 1);

		expect([...entries.keys()]).toEqual(['new']);
	});
});
