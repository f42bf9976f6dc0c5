import {
	DEFAULT_RETRY_POLICY,
	runtime,
	sendWithRetry,
	type HttpResponse,
} from '../../../nodes/shared/api';

const ok: HttpResponse = { statusCode: 200, headers: {}, body: { ok: true } };
const answer = (statusCode: number, headers: Record<string, string> = {}): HttpResponse => ({
	statusCode,
	headers,
	body: null,
});
const timeout = () =>
	Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' });

/** A `send` that plays the given answers in turn (an Error is thrown instead of answered). */
function script(...steps: Array<HttpResponse | Error>) {
	const send = jest.fn(async () => {
		const step = steps.shift();
		if (!step) throw new Error('script ran out');
		if (step instanceof Error) throw step;
		return step;
	});
	return send;
}

describe('sendWithRetry', () => {
	let slept: number[];

	beforeEach(() => {
		slept = [];
		jest.spyOn(runtime, 'random').mockReturnValue(0);
		jest.spyOn(runtime, 'sleep').mockImplementation(async (ms) => {
			slept.push(ms);
		});
	});

	afterEach(() => jest.restoreAllMocks());

	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000 };

	it('returns the first success without waiting', async () => {
		const outcome = await sendWithRetry(script(ok), { policy });

		expect(outcome).toEqual({ response: ok, attempts: 1, waitedMs: 0 });
		expect(slept).toEqual([]);
	});

	it('returns a 404 at once, without retrying it', async () => {
		const send = script(answer(404), ok);

		const outcome = await sendWithRetry(send, { policy });

		expect(outcome.response?.statusCode).toBe(404);
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('retries server errors with growing waits until one succeeds', async () => {
		const outcome = await sendWithRetry(script(answer(500), answer(503), ok), { policy });

		expect(outcome).toEqual({ response: ok, attempts: 3, waitedMs: 1500 });
		expect(slept).toEqual([500, 1000]);
	});

	it('waits as long as a 429 asks before trying again', async () => {
		const outcome = await sendWithRetry(script(answer(429, { 'retry-after': '2' }), ok), {
			policy,
		});

		expect(outcome.response).toBe(ok);
		expect(slept).toEqual([2000]);
	});

	it('returns the last answer once the attempts are used up', async () => {
		const send = script(...Array.from({ length: 9 }, () => answer(503)));

		const outcome = await sendWithRetry(send, { policy });

		expect(outcome.response?.statusCode).toBe(503);
		expect(outcome.attempts).toBe(policy.maxAttempts);
		expect(send).toHaveBeenCalledTimes(policy.maxAttempts);
	});

	it('stops early when the server asks to wait longer than the total budget', async () => {
		const send = script(answer(429, { 'retry-after': '3600' }), ok);

		const outcome = await sendWithRetry(send, { policy });

		expect(outcome.response?.statusCode).toBe(429);
		expect(slept).toEqual([]);
	});

	it('retries timeouts and returns the error if no answer ever comes', async () => {
		const outcome = await sendWithRetry(script(...Array.from({ length: 9 }, timeout)), { policy });

		expect(outcome.response).toBeUndefined();
		expect((outcome.error as { code: string }).code).toBe('ECONNABORTED');
		expect(outcome.attempts).toBe(policy.maxAttempts);
	});

	it('recovers from a timeout', async () => {
		const outcome = await sendWithRetry(script(timeout(), ok), { policy });

		expect(outcome.response).toBe(ok);
	});

	it('does not retry an error that is not about the network', async () => {
		const send = script(new Error('no credentials'), ok);

		const outcome = await sendWithRetry(send, { policy });

		expect((outcome.error as Error).message).toBe('no credentials');
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('runs beforeAttempt before every attempt, retries included', async () => {
		const order: string[] = [];
		const send = script(answer(500), answer(500), ok);

		await sendWithRetry(
			async () => {
				order.push('send');
				return await send();
			},
			{
				policy,
				beforeAttempt: async () => {
					order.push('slot');
				},
			},
		);

		expect(order).toEqual(['slot', 'send', 'slot', 'send', 'slot', 'send']);
	});

	it('reports each retry', async () => {
		const onRetry = jest.fn();

		await sendWithRetry(script(answer(502), ok), { policy, onRetry });

		expect(onRetry).toHaveBeenCalledWith({
			attempt: 1,
			delayMs: 500,
			failure: { kind: 'status', status: 502, retryAfterMs: undefined },
		});
	});
});
