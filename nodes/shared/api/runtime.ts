/**
 * Clock, randomness and waiting used by retries and rate limiting. They live in one mutable object
 * so that tests can replace `sleep` and `now` instead of waiting for real.
 */
export const runtime = {
	now: (): number => Date.now(),

	random: (): number => Math.random(),

	/** Resolves after `ms`; rejects early when `signal` aborts, so a cancelled run stops waiting. */
	sleep: async (ms: number, signal?: AbortSignal): Promise<void> =>
		await new Promise<void>((resolve, reject) => {
			if (signal?.aborted) {
				reject(new Error('Aborted while waiting to retry'));
				return;
			}
			const onAbort = () => {
				clearTimeout(timer);
				reject(new Error('Aborted while waiting to retry'));
			};
			const timer = setTimeout(() => {
				signal?.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			signal?.addEventListener('abort', onAbort, { once: true });
		}),
};
