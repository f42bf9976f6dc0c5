import {
	PendingReleases,
	RELEASE_GIVE_UP_MS,
	RELEASE_RETRY_MS,
} from '../../../nodes/EmploymentHeroTrigger/dedupe/pendingReleases';

function setUp() {
	let now = 0;
	const log = { released: jest.fn(), gaveUp: jest.fn() };
	const pending = new PendingReleases(() => now);
	return { pending, log, advance: (ms: number) => (now += ms) };
}

/** Runs the next retry timer and lets its release settle. */
async function nextRetry(advance: (ms: number) => void) {
	advance(RELEASE_RETRY_MS);
	jest.advanceTimersByTime(RELEASE_RETRY_MS);
	for (let i = 0; i < 5; i++) await Promise.resolve();
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('PendingReleases', () => {
	it('retries a release in the background until it works, then forgets it', async () => {
		const { pending, log, advance } = setUp();
		const release = jest
			.fn<Promise<void>, []>()
			.mockRejectedValueOnce(new Error('down'))
			.mockResolvedValueOnce(undefined);

		pending.add('k', release, log);
		await nextRetry(advance);
		expect(pending.size).toBe(1);
		await nextRetry(advance);

		expect(release).toHaveBeenCalledTimes(2);
		expect(pending.size).toBe(0);
		expect(log.released).toHaveBeenCalledWith('k');
	});

	it('releases first when the same key is claimed again, and fails that claim if it cannot', async () => {
		const { pending } = setUp();
		const release = jest
			.fn<Promise<void>, []>()
			.mockRejectedValueOnce(new Error('still down'))
			.mockResolvedValueOnce(undefined);
		pending.add('k', release);

		await expect(pending.settleBefore('k')).rejects.toThrow('still down');
		await pending.settleBefore('k');
		await pending.settleBefore('other');

		expect(release).toHaveBeenCalledTimes(2);
		expect(pending.size).toBe(0);
	});

	it('gives up after its time limit and says so', async () => {
		const { pending, log, advance } = setUp();
		pending.add(
			'k',
			async () => {
				throw new Error('never back');
			},
			log,
		);

		for (let waited = 0; waited <= RELEASE_GIVE_UP_MS; waited += RELEASE_RETRY_MS) {
			await nextRetry(advance);
		}

		expect(pending.size).toBe(0);
		expect(log.gaveUp).toHaveBeenCalledWith('k', expect.any(Error));
	});
});
