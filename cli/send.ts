/** Why a request got no answer, in words that say what to check. */
export class NoAnswerError extends Error {}

export interface SendRequest {
	url: URL;
	body: Buffer;
	headers: Record<string, string>;
	timeoutMs: number;
}

export interface Answer {
	status: number;
	statusText: string;
	contentType: string | null;
	text: string;
}

/** POSTs the bytes as they are. Resolves for every status; throws `NoAnswerError` without one. */
export async function post(request: SendRequest, fetcher: typeof fetch = fetch): Promise<Answer> {
	let response: Response;
	try {
		response = await fetcher(request.url, {
			method: 'POST',
			body: request.body,
			headers: request.headers,
			redirect: 'manual',
			signal: AbortSignal.timeout(request.timeoutMs),
		});
	} catch (error) {
		throw new NoAnswerError(noAnswerReason(error, request));
	}
	return {
		status: response.status,
		statusText: response.statusText,
		contentType: response.headers.get('content-type'),
		text: await response.text(),
	};
}

function noAnswerReason(error: unknown, request: SendRequest): string {
	const { host, hostname } = request.url;
	const err = error as {
		name?: string;
		cause?: { code?: string; errors?: Array<{ code?: string }> };
	};
	// A host with several addresses (localhost: ::1 and 127.0.0.1) fails with one error per address.
	const code = err.cause?.code ?? err.cause?.errors?.[0]?.code;

	if (err.name === 'TimeoutError' || err.name === 'AbortError') {
		return `No answer from ${host} within ${request.timeoutMs / 1000} s: check that n8n is running and reachable, or raise --timeout.`;
	}
	if (code === 'ECONNREFUSED') {
		return `Connection refused by ${host}: is n8n running there, and is the port in --url right?`;
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return `Host "${hostname}" not found: check the host in --url.`;
	}
	if (code !== undefined && /CERT|SSL|TLS/.test(code)) {
		return `TLS failed with ${host} (${code}): check that the address serves a valid certificate.`;
	}
	return `The request to ${host} failed (${code ?? (error as Error).message}): check --url and that n8n is reachable.`;
}

/** What a non-2xx answer most likely means for someone testing a trigger, by status. */
const HINTS: Record<number, string> = {
	400: 'The signature was right, but the body is not a delivery the trigger can read (see the reason).',
	401:
		'The trigger could not verify the signature: use the secret the trigger verifies with (its ' +
		'Employment Hero Webhook credential, or the registered one), and the header named in its ' +
		'Signature Header option (--header).',
	404:
		'n8n has no active webhook at this URL: activate (n8n 1.x) or publish (2.x) the workflow and ' +
		"copy the trigger's Production URL. A Test URL answers only while the editor listens for a test event.",
	413: "The body is larger than the trigger's Max Body Size option.",
	422: 'n8n refused a body sent as JSON that is not valid JSON.',
	503: "The trigger's dedupe store is unavailable; a sender retries after Retry-After.",
};

export function hintFor(status: number): string {
	if (HINTS[status]) return HINTS[status];
	if (status >= 300 && status < 400) {
		return 'n8n redirected the request: use the final https:// address in --url.';
	}
	if (status >= 500) return "n8n failed to handle the request; see n8n's log.";
	return 'n8n refused the request.';
}
