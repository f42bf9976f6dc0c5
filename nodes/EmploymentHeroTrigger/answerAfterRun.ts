import type { IWebhookFunctions } from 'n8n-workflow';

import { RETRY_AFTER_SECONDS } from './answers';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

export interface RunAnswer {
	code: 200 | 503;
	body: Record<string, unknown>;
}

const WRITERS = ['status', 'json', 'send', 'end'] as const;

/**
 * Lets n8n wait for the run ("when last node finishes") and turns its answer into ours. n8n ends
 * such a request with `status(code)` and `json`/`send` (or `end`), 2xx once the run succeeded and
 * 500 when it failed or could not finish; those calls are caught on this one response, the run's
 * outcome is settled through `onEnd`, and only then is our answer written, so a sender that
 * retries at once already finds its claim released. n8n's own body is never sent.
 */
export function answerAfterRun(
	res: Response,
	onEnd: (succeeded: boolean) => Promise<RunAnswer>,
): void {
	let code = 200;
	let ended = false;

	// Express keeps the writers on its prototype, but anything may have set its own: put back
	// exactly what was there.
	const target = res as unknown as Record<string, unknown>;
	const own = new Map(
		WRITERS.filter((name) => Object.hasOwn(target, name)).map((name) => [name, target[name]]),
	);
	const restore = () => {
		for (const name of WRITERS) {
			if (own.has(name)) target[name] = own.get(name);
			else delete target[name];
		}
	};
	// n8n's later writes (an `end` on the next tick, say) are swallowed until ours is out.
	const end = () => {
		if (ended) return res;
		ended = true;
		void onEnd(code >= 200 && code < 300)
			.catch(() => failedAnswer('the run ended but its outcome could not be recorded'))
			.then((answer) => {
				restore();
				write(res, answer);
			});
		return res;
	};

	Object.assign(res, {
		status(statusCode: number) {
			code = statusCode;
			return res;
		},
		json: end,
		send: end,
		end,
	});
}

export function failedAnswer(reason: string, eventId?: string): RunAnswer {
	return { code: 503, body: { status: 'failed', ...(eventId ? { eventId } : {}), reason } };
}

function write(res: Response, answer: RunAnswer): void {
	if (res.headersSent) return;
	if (answer.code === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
	res.status(answer.code).json(answer.body);
}
