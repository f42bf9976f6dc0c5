import type { OutgoingHttpHeaders } from 'http';
import { brotliCompressSync, deflateSync, gzipSync } from 'zlib';

import { rawRequest, rawSocket, type RawAnswer } from '../../helpers/rawRequest';
import { sign } from '../../helpers/sign';

/** Sends one request to a webhook URL and returns whatever answered. */
export type Send = (url: string) => Promise<RawAnswer>;

export interface PostOptions {
	/** Content-Type as sent; null sends none. @default 'application/json' */
	contentType?: string | null;
	/** Compresses the body and declares it in Content-Encoding. */
	encoding?: 'gzip' | 'deflate' | 'br';
	/** What a compressed body's signature covers: the JSON or the bytes sent. @default 'plain' */
	signed?: 'plain' | 'sent';
	/** Instead of the correct signature; null sends none, a list sends the header per value. */
	signature?: string | string[] | null;
	/** Sends the body in this many chunks, chunked, without Content-Length. */
	chunks?: number;
	headers?: OutgoingHttpHeaders;
	method?: string;
}

/** Every signature `post` sends (32 characters or more), for checking logs and answers. */
export const signaturesSent = new Set<string>();

/** A POST as a sender would make it: the body signed with the test secret unless told otherwise. */
export function post(body: string | Buffer, options: PostOptions = {}): Send {
	const plain = typeof body === 'string' ? Buffer.from(body) : body;
	const sent = options.encoding ? compress(plain, options.encoding) : plain;
	const signed = options.signed === 'sent' ? sent : plain;
	const signature = options.signature === undefined ? sign(signed) : options.signature;
	for (const value of [signature ?? []].flat()) if (value.length >= 32) signaturesSent.add(value);

	const headers: OutgoingHttpHeaders = { ...options.headers };
	if (options.contentType !== null) {
		headers['Content-Type'] = options.contentType ?? 'application/json';
	}
	if (options.encoding) headers['Content-Encoding'] = options.encoding;
	if (signature !== null) headers['ms-signature'] = signature;

	return async (url) =>
		await rawRequest(url, {
			method: options.method,
			headers,
			body: options.chunks ? split(sent, options.chunks) : sent,
		});
}

/** A request with a method other than POST, no body, and an optional `?query`. */
export function call(method: string, query = ''): Send {
	return async (url) => await rawRequest(`${url}${query}`, { method });
}

/**
 * A POST written straight to the socket, for what Node's client will not send. `head` lines go
 * between the request line and the blank line; `halfClose` stops sending after the body.
 */
export function socketPost(head: string[], body: Buffer, halfClose = false): Send {
	return async (url) => {
		const { host, pathname } = new URL(url);
		const lines = [`POST ${pathname} HTTP/1.1`, `Host: ${host}`, 'Connection: close', ...head];
		const bytes = Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
		return await rawSocket(url, bytes, halfClose);
	};
}

function compress(bytes: Buffer, encoding: 'gzip' | 'deflate' | 'br'): Buffer {
	if (encoding === 'gzip') return gzipSync(bytes);
	if (encoding === 'deflate') return deflateSync(bytes);
	return brotliCompressSync(bytes);
}

function split(bytes: Buffer, parts: number): Buffer[] {
	const size = Math.max(1, Math.ceil(bytes.length / parts));
	const chunks: Buffer[] = [];
	for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
	return chunks;
}

/** A Payroll work item `{ Id, Attempt, Properties, Notifications }`; `fields` replace its own. */
export function workItem(id: unknown, fields: Record<string, unknown> = {}): string {
	return JSON.stringify({
		Id: id,
		Attempt: 1,
		Properties: { BusinessId: 4242 },
		Notifications: [{ Action: 'EmployeeUpdated', Id: 7, business_id: 4242 }],
		...fields,
	});
}

/** `count` notifications of `action`, with ids from 1. */
export function notifications(count: number, action = 'EmployeeUpdated') {
	return Array.from({ length: count }, (_, index) => ({ Action: action, Id: index + 1 }));
}
