import type { IDataObject } from 'n8n-workflow';

import type { DeliveryRecord } from '../../../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';
import {
	forgetProcessClaims,
	prune,
	REMARK_INTERVAL_MS,
	StaticDataStore,
} from '../../../nodes/EmploymentHeroTrigger/dedupe/StaticDataStore';

const DAY = 86_400_000;

function delivery(eventId: string, connectionId = 'hook-1'): DeliveryRecord {
	return {
		connectionId,
		eventId,
		eventType: 'EmployeeUpdated',
		entityCount: 1,
		attempt: 1,
		receivedAt: new Date(),
		payload: {},
		claimToken: `token-${eventId}`,
	};
}

beforeEach(() => forgetProcessClaims());

describe('StaticDataStore', () => {
	it('claims a new delivery and records it in static data', async () => {
		const staticData: IDataObject = {};
		const store = new StaticDataStore(staticData, undefined, () => 1000);

		expect(await store.claim(delivery('a'))).toBe('claimed');
		expect(staticData).toEqual({ deliveries: { 'hook-1': { a: 1000 } } });
	});

	it('answers duplicate for an id already in static data', async () => {
		const staticData: IDataObject = { deliveries: { 'hook-1': { a: 1 } } };
		expect(await new StaticDataStore(staticData).claim(delivery('a'))).toBe('duplicate');
	});

	it('keeps connections apart', async () => {
		const staticData: IDataObject = {};
		const store = new StaticDataStore(staticData);
		expect(await store.claim(delivery('a', 'hook-1'))).toBe('claimed');
		expect(await store.claim(delivery('a', 'hook-2'))).toBe('claimed');
	});

	it('catches a concurrent copy that loaded static data before the first was saved', async () => {
		// n8n gives each request its own copy of static data, loaded from the database.
		const first = new StaticDataStore({});
		const second = new StaticDataStore({});

		const results = await Promise.all([first.claim(delivery('a')), second.claim(delivery('a'))]);
		expect(results.sort()).toEqual(['claimed', 'duplicate']);
	});

	it('exactly one of many concurrent copies wins', async () => {
		const copies = Array.from({ length: 50 }, () => new StaticDataStore({}).claim(delivery('x')));
		const results = await Promise.all(copies);
		expect(results.filter((result) => result === 'claimed')).toHaveLength(1);
	});

	it('saves ids that a concurrent save dropped', async () => {
		await new StaticDataStore({}).claim(delivery('a'));
		const loadedWithoutA: IDataObject = {};
		await new StaticDataStore(loadedWithoutA).claim(delivery('b'));

		expect(Object.keys((loadedWithoutA.deliveries as IDataObject)['hook-1'] as IDataObject)).toEqual([
			'a',
			'b',
		]);
	});

	it('still knows a saved id after a restart', async () => {
		const saved: IDataObject = {};
		await new StaticDataStore(saved).claim(delivery('a'));
		forgetProcessClaims();

		const reloaded = JSON.parse(JSON.stringify(saved)) as IDataObject;
		expect(await new StaticDataStore(reloaded).claim(delivery('a'))).toBe('duplicate');
	});

	it('records an id that is also an object property name', async () => {
		const saved: IDataObject = {};
		for (const id of ['__proto__', 'constructor', 'toString']) {
			expect(await new StaticDataStore(saved).claim(delivery(id))).toBe('claimed');
		}
		forgetProcessClaims();

		const reloaded = JSON.parse(JSON.stringify(saved)) as IDataObject;
		for (const id of ['__proto__', 'constructor', 'toString']) {
			expect(await new StaticDataStore(reloaded).claim(delivery(id))).toBe('duplicate');
		}
	});

	it('leaves other keys of static data alone', async () => {
		const staticData: IDataObject = { other: 1, deliveries: { 'hook-2': { z: 5 } } };
		await new StaticDataStore(staticData, undefined, () => 9).claim(delivery('a'));
		expect(staticData).toEqual({ other: 1, deliveries: { 'hook-2': { z: 5 }, 'hook-1': { a: 9 } } });
	});
});

describe('prune', () => {
	const retention = { minIds: 2, minAgeMs: 7 * DAY };
	const now = 100 * DAY;

	it('keeps everything within the count', () => {
		const seen = { a: 0, b: 0 };
		expect(prune(seen, retention, now)).toBe(seen);
	});

	it('keeps everything younger than the age, whatever the count', () => {
		const seen = { a: now - DAY, b: now - 2 * DAY, c: now - 3 * DAY };
		expect(prune(seen, retention, now)).toEqual(seen);
	});

	it('drops ids that are both old and outside the newest count', () => {
		const seen = { old1: 1, old2: 2, newer: now - DAY, newest: now };
		expect(prune(seen, retention, now)).toEqual({ newer: now - DAY, newest: now });
	});

	it('keeps the newest count even when all are old', () => {
		const seen = { a: 1, b: 2, c: 3 };
		expect(prune(seen, retention, now)).toEqual({ b: 2, c: 3 });
	});
});

describe('StaticDataStore.settle', () => {
	it('lets a redelivery run after a failed run, and keeps a succeeded one a duplicate', async () => {
		const store = new StaticDataStore({});

		await store.claim(delivery('failed'));
		await store.claim(delivery('succeeded'));
		await store.settle(delivery('failed'), { succeeded: false, reason: 'node failed' });
		await store.settle(delivery('succeeded'), { succeeded: true });

		expect(await store.claim(delivery('failed'))).toBe('claimed');
		expect(await store.claim(delivery('failed'))).toBe('duplicate');
		expect(await store.claim(delivery('succeeded'))).toBe('duplicate');
	});

	it('overrules a copy of static data saved before the release', async () => {
		const saved: IDataObject = {};
		await new StaticDataStore(saved).claim(delivery('e1'));
		// n8n saved static data with the claim, then the run failed and was settled.
		const reloaded = JSON.parse(JSON.stringify(saved)) as IDataObject;
		await new StaticDataStore(saved).settle(delivery('e1'), { succeeded: false, reason: 'x' });

		const later = new StaticDataStore(reloaded);
		expect(await later.claim(delivery('e1'))).toBe('claimed');
		expect(await new StaticDataStore(reloaded).claim(delivery('e1'))).toBe('duplicate');
	});
});

describe('StaticDataStore tombstones', () => {
	it('keep a release when a request that raced the failed run loaded data without its id', async () => {
		let now = 1_000_000;
		const clock = () => now;
		const early: IDataObject = {};
		const saved: IDataObject = {};
		await new StaticDataStore(saved, undefined, clock).claim(delivery('e1'));
		const stale = JSON.parse(JSON.stringify(saved)) as IDataObject;
		await new StaticDataStore(saved, undefined, clock).settle(delivery('e1'), {
			succeeded: false,
			reason: 'x',
		});

		now += 1_000;
		await new StaticDataStore(early, undefined, clock).claim(delivery('other'));

		expect(await new StaticDataStore(stale, undefined, clock).claim(delivery('e1'))).toBe(
			'claimed',
		);
	});
});

describe('StaticDataStore.whileRunning', () => {
	beforeEach(() => jest.useFakeTimers());
	afterEach(() => jest.useRealTimers());

	it('keeps marking static data changed until the run ends, without changing it', async () => {
		const target: IDataObject = {};
		let writes = 0;
		// Stands in for n8n's observable static data, whose every assignment marks it changed.
		const observed = new Proxy(target, {
			set: (object, key, value) => {
				writes++;
				return Reflect.set(object, key, value);
			},
		});
		const store = new StaticDataStore(observed);
		await store.claim(delivery('e1'));
		const saved = JSON.stringify(target);
		writes = 0;

		const stop = store.whileRunning();
		jest.advanceTimersByTime(REMARK_INTERVAL_MS * 3);
		const duringRun = writes;
		stop();
		jest.advanceTimersByTime(REMARK_INTERVAL_MS * 10);

		expect(duringRun).toBe(4);
		expect(writes).toBe(duringRun);
		expect(JSON.stringify(target)).toBe(saved);
	});
});
