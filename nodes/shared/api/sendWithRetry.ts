import { headerOf, isRetryableStatus, networkCodeOf, type Failure } from './failure';
import { parseRetryAfter } from './retryAfter';
import { nextDelay, type RetryPolicy } from './retryPolicy';
import { runtime } from './runtime';
import type { HttpResponse } from './types';

export interface RetryNotice {
	attempt: number;
	delayMs: number;
	failure: Failure;
}

export interface SendOptions {
	policy: RetryPolicy;
	/** Awaited before every attempt, retries included: the place for a rate limiter. */
	beforeAttempt?: () => Promise<void>;
	/** Told about each retry before its wait, e.g. to log it. */
	onRetry?: (notice: RetryNotice) => void;
	/** Stops waiting when the execution is cancelled. */
	signal?: AbortSignal;
}

/**
 * What became of a request after its retries. `response` holds the last answer when the server
 * answered at all (any status, so the caller decides what a 404 means); `error` holds the last
 * thrown error when it never did.
 */
export type SendOutcome = { attempts: number; waitedMs: number } & (
	| { response: HttpResponse; error?: undefined }
	| { response?: undefined; error: unknown }
);

/**
 * Sends a request until it gets an answer that another attempt would not change, retrying 408, 429,
 * 5xx and socket errors as `nextDelay` allows. `send` must resolve with the full response for every
 * status and throw only when no answer came. Never throws itself, except when cancelled.
 */
export async function sendWithRetry(
	send: () => Promise<HttpResponse>,
	options: SendOptions,
): Promise<SendOutcome> {
	let waitedMs = 0;

	for (let attempt = 1; ; attempt++) {
		await options.beforeAttempt?.();

		let response: HttpResponse | undefined;
		let error: unknown;
		try {
			response = await send();
		} catch (caught) {
			error = caught;
		}

		const failure = response ? statusFailure(response) : networkFailure(error);
		const delay =
			failure === undefined
				? undefined
				: nextDelay(failure, attempt, waitedMs, options.policy, runtime.random());

		if (failure === undefined || delay === undefined) {
			return response
				? { response, attempts: attempt, waitedMs }
				: { error, attempts: attempt, waitedMs };
		}

		options.onRetry?.({ attempt, delayMs: delay, failure });
		await runtime.sleep(delay, options.signal);
		waitedMs += delay;
	}
}

function statusFailure(response: HttpResponse): Failure | undefined {
	if (!isRetryableStatus(response.statusCode)) return undefined;
	return {
		kind: 'status',
		status: response.statusCode,
		retryAfterMs: parseRetryAfter(headerOf(response, 'retry-after'), runtime.now()),
	};
}

function networkFailure(error: unknown): Failure | undefined {
	const code = networkCodeOf(error);
	return code === undefined ? undefined : { kind: 'network', code };
}
