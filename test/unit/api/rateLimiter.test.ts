import { SlidingWindowLimiter, limiterFor, runtime } from '../../../nodes/shared/api';

describe('SlidingWindowLimiter', () => {
	it('lets the first `limit` requests start at once', () => {
		const limiter = new SlidingWindowLimiter(5, 1000);

		const waits = Array.from({ length: 5 }, () => limiter.reserve(0).waitMs);

		expect(waits).toEqual([0, 0, 0, 0, 0]);
	});

	it('makes the next request wait until the oldest leaves the window', () => {
		const limiter = new SlidingWindowLimiter(5, 1000);
		for (let i = 0; i < 5; i++) limiter.reserve(i * 10);

		expect(limiter.reserve(100)).toEqual({ at: 1000, waitMs: 900 });
	});

	it('never starts more than `limit` requests within any window of a long burst', () => {
		const limiter = new SlidingWindowLimiter(5, 1000);

		const starts = Array.from({ length: 60 }, () => limiter.reserve(0).at);

		for (const start of starts) {
			expect(starts.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
		}
		expect(starts[59]).toBe(11_000);
	});

	it('gives concurrent callers distinct slots', async () => {
		let now = 0;
		const slept: number[] = [];
		jest.spyOn(runtime, 'now').mockImplementation(() => now);
		jest.spyOn(runtime, 'sleep').mockImplementation(async (ms) => {
			slept.push(ms);
		});
		const limiter = new SlidingWindowLimiter(2, 1000);

		await Promise.all([1, 2, 3, 4, 5].map(async () => await limiter.acquire()));
		now = 10;

		expect(slept).toEqual([1000, 1000, 2000]);
	});

	afterEach(() => jest.restoreAllMocks());
});

describe('limiterFor', () => {
	it('shares one limiter per key and keeps keys apart', () => {
		const a = limiterFor('http://x#1', 5, 1000);

		expect(limiterFor('http://x#1', 5, 1000)).toBe(a);
		expect(limiterFor('http://x#2', 5, 1000)).not.toBe(a);
	});
});
