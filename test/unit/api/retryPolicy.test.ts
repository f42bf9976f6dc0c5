import { DEFAULT_RETRY_POLICY, nextDelay, type Failure } from '../../../nodes/shared/api';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 8000 };
const status = (code: number, retryAfterMs?: number): Failure => ({
	kind: 'status',
	status: code,
	retryAfterMs,
});
const network = (code: string): Failure => ({ kind: 'network', code });

describe('nextDelay', () => {
	it.each([400, 401, 403, 404, 422])('gives up at once on %i', (code) => {
		expect(nextDelay(status(code), 1, 0, policy, 0.5)).toBeUndefined();
	});

	it('waits at least the Retry-After of a 429, plus under 250 ms of jitter', () => {
		expect(nextDelay(status(429, 3000), 1, 0, policy, 0)).toBe(3000);
		expect(nextDelay(status(429, 3000), 1, 0, policy, 0.999)).toBe(3249);
	});

	it('backs off a 429 without Retry-After like a server error', () => {
		expect(nextDelay(status(429), 1, 0, policy, 0)).toBe(500);
	});

	it('doubles the backoff step per attempt, half of it random', () => {
		expect(nextDelay(status(503), 1, 0, policy, 0)).toBe(500);
		expect(nextDelay(status(503), 1, 0, policy, 0.999)).toBe(999);
		expect(nextDelay(status(500), 2, 0, policy, 0)).toBe(1000);
		expect(nextDelay(status(502), 3, 0, policy, 0)).toBe(2000);
	});

	it('caps one backoff step at maxDelayMs', () => {
		const patient = { ...policy, maxAttempts: 20 };
		expect(nextDelay(status(500), 10, 0, patient, 0.999)).toBeLessThan(8000);
	});

	it('stops after maxAttempts', () => {
		expect(nextDelay(status(503), policy.maxAttempts, 0, policy, 0)).toBeUndefined();
	});

	it('stops when the wait would pass maxTotalWaitMs', () => {
		expect(nextDelay(status(429, 120_000), 1, 0, policy, 0)).toBeUndefined();
		expect(nextDelay(status(503), 2, 59_500, policy, 0)).toBeUndefined();
	});

	it.each(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED'])('retries %s', (code) => {
		expect(nextDelay(network(code), 1, 0, policy, 0)).toBe(500);
	});

	it.each(['ENOTFOUND', 'ERR_CANCELED'])('does not retry %s', (code) => {
		expect(nextDelay(network(code), 1, 0, policy, 0)).toBeUndefined();
	});
});
