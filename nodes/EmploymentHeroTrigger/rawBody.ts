import type { IncomingHttpHeaders } from 'http';

/** The parts of n8n's webhook request that carry the body as it arrived. */
export interface WebhookRequest {
	headers: IncomingHttpHeaders;
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	readableEnded?: boolean;
}

/**
 * The exact body bytes. n8n reads them into `rawBody` before the trigger runs (decompressing gzip
 * and deflate); if it has not, they are read here while the stream is still unread. Undefined
 * when the bytes are gone (multipart bodies are consumed by n8n's form parser): the caller must
 * then reject, never fall back to a re-serialised body.
 */
export async function readRawBody(req: WebhookRequest): Promise<Buffer | undefined> {
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;

	if (typeof req.readRawBody === 'function' && req.readableEnded === false) {
		try {
			await req.readRawBody();
		} catch {
			return undefined;
		}
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** The Content-Length the sender declared, if it is a plain number. */
export function declaredLength(headers: IncomingHttpHeaders): number | undefined {
	const value = headers['content-length'];
	return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
}
