import type { IncomingMessage, ServerResponse } from 'http';

/** A parsed request as the route handlers see it. */
export interface MockRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** Form or JSON body fields (token endpoint); empty for GETs. */
	form: URLSearchParams;
	/** The body as sent, for handlers that read JSON with arrays (registrations). */
	body: string;
}

export interface MockResponse {
	status: number;
	headers?: Record<string, string>;
	body?: unknown;
}

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): MockResponse {
	return { status, body, headers };
}

export function send(res: ServerResponse, response: MockResponse): void {
	const headers: Record<string, string> = { ...response.headers };
	let payload = '';
	if (response.body !== undefined) {
		payload = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
		headers['content-type'] ??=
			typeof response.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8';
	}
	res.writeHead(response.status, headers);
	res.end(payload);
}

export async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Body fields of a form-encoded or JSON request; anything else reads as no fields. */
export function parseForm(contentType: string | undefined, raw: string): URLSearchParams {
	if (raw === '') return new URLSearchParams();
	if (contentType?.includes('application/json')) {
		try {
			const parsed = JSON.parse(raw) as Record<string, unknown>;
			return new URLSearchParams(
				Object.entries(parsed).map(([key, value]) => [key, String(value)] as [string, string]),
			);
		} catch {
			return new URLSearchParams();
		}
	}
	return new URLSearchParams(raw);
}

/** `Authorization: Basic` user and password, or undefined. */
export function basicAuth(
	headers: IncomingMessage['headers'],
): { user: string; password: string } | undefined {
	const match = /^Basic\s+(.+)$/i.exec(headers.authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return {
		user: decodeURIComponent(decoded.slice(0, colon)),
		password: decodeURIComponent(decoded.slice(colon + 1)),
	};
}

export function bearerToken(headers: IncomingMessage['headers']): string | undefined {
	return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
}

/** An integer query parameter, or `fallback` when absent or not a non-negative integer. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || !/^\d+$/.test(raw)) return fallback;
	return Number(raw);
}
