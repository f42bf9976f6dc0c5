import type { HttpResponse } from './types';

/** HTTP statuses worth another attempt: the server may answer differently a moment later. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Socket-level failures worth another attempt. `ECONNABORTED` and `ETIMEDOUT` are how axios (and so
 * n8n) reports a request timeout; cancellation (`ERR_CANCELED`) is deliberately absent.
 */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

/** Why one attempt did not succeed, in the terms the retry policy needs. */
export type Failure =
	| { kind: 'status'; status: number; retryAfterMs?: number }
	| { kind: 'network'; code: string };

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}

export function isRetryable(failure: Failure): boolean {
	return failure.kind === 'status'
		? isRetryableStatus(failure.status)
		: RETRYABLE_NETWORK_CODES.has(failure.code);
}

/**
 * The network error code (`ECONNRESET`, `ECONNABORTED`, …) carried by a thrown request error, or
 * `undefined`. n8n wraps axios errors in a `NodeApiError` that keeps the code in `httpCode` but
 * drops the original error, so all three places are looked at.
 */
export function networkCodeOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) return undefined;
	const candidates = [
		(error as { code?: unknown }).code,
		(error as { cause?: { code?: unknown } }).cause?.code,
		(error as { httpCode?: unknown }).httpCode,
	];
	return candidates.find(
		(code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code),
	);
}

/** Header value by case-insensitive name; HTTP libraries differ in how they case header names. */
export function headerOf(response: HttpResponse, name: string): unknown {
	const wanted = name.toLowerCase();
	const key = Object.keys(response.headers ?? {}).find((k) => k.toLowerCase() === wanted);
	return key === undefined ? undefined : response.headers[key];
}
