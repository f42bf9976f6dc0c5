import { isRetryable, type Failure } from './failure';

/** How hard the transport tries before reporting a failure. */
export interface RetryPolicy {
	/** Attempts in all, the first one included. @default 5 */
	maxAttempts: number;
	/** Backoff before the first retry; doubles per retry. @default 500 */
	baseDelayMs: number;
	/** Ceiling for one backoff step (not for a server's `Retry-After`). @default 10000 */
	maxDelayMs: number;
	/**
	 * Ceiling for all waits of one request together; a longer `Retry-After` ends the retries.
	 * @default 60000
	 */
	maxTotalWaitMs: number;
	/** Time allowed for one attempt before it counts as a timeout. @default 30000 */
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 10_000,
	maxTotalWaitMs: 60_000,
	timeoutMs: 30_000,
};

/** Spread added to a server's `Retry-After`, so callers told one time do not all return at once. */
const RETRY_AFTER_JITTER_MS = 250;

/**
 * Milliseconds to wait before the next attempt, or `undefined` to give up.
 *
 * - Failures another attempt cannot fix (4xx other than 408/429, cancellation) give up at once.
 * - A `Retry-After` from the server is honoured as the minimum wait.
 * - Otherwise the wait grows exponentially with "equal jitter": half the step fixed, half random.
 * - Giving up also happens after `maxAttempts`, or when the wait would exceed `maxTotalWaitMs`.
 *
 * @param attemptsMade attempts already sent (1 after the first failure)
 * @param waitedMs time already spent waiting between attempts of this request
 * @param random a number in [0, 1)
 */
export function nextDelay(
	failure: Failure,
	attemptsMade: number,
	waitedMs: number,
	policy: RetryPolicy,
	random: number,
): number | undefined {
	if (!isRetryable(failure) || attemptsMade >= policy.maxAttempts) return undefined;

	let delay: number;
	if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
		delay = failure.retryAfterMs + Math.floor(random * RETRY_AFTER_JITTER_MS);
	} else {
		const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptsMade - 1));
		delay = Math.floor(step / 2 + (random * step) / 2);
	}

	return waitedMs + delay > policy.maxTotalWaitMs ? undefined : delay;
}
