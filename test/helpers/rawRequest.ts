import { request as httpRequest, type OutgoingHttpHeaders } from 'http';
import { connect } from 'net';

/** One HTTP answer, whoever wrote it: our trigger, n8n, or Node's HTTP parser. */
export interface RawAnswer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	/** The parsed JSON body, when it is JSON. */
	body: Record<string, unknown> | undefined;
}

export interface RawRequest {
	method?: string;
	/** Values as sent; an array sends the header once per value. Names keep their case. */
	headers?: OutgoingHttpHeaders;
	/**
	 * The body. A list is written chunk by chunk with `Transfer-Encoding: chunked` and no
	 * Content-Length (unless the headers set one).
	 */
	body?: Buffer | Buffer[];
}

const TIMEOUT_MS = 30_000;

/** Sends exactly what it is given with Node's HTTP client, which still enforces HTTP syntax. */
export async function rawRequest(url: string, options: RawRequest): Promise<RawAnswer> {
	const { body } = options;
	const headers: OutgoingHttpHeaders = { ...options.headers };
	if (Buffer.isBuffer(body) && !hasHeader(headers, 'content-length')) {
		headers['Content-Length'] = String(body.length);
	}

	return await new Promise<RawAnswer>((resolve, reject) => {
		const req = httpRequest(url, { method: options.method ?? 'POST', headers, agent: false });
		req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`No answer in ${TIMEOUT_MS} ms`)));
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => resolve(answer(res.statusCode ?? 0, res.headers, Buffer.concat(chunks))));
		});
		for (const chunk of Array.isArray(body) ? body : body ? [body] : []) req.write(chunk);
		req.end();
	});
}

/**
 * Writes bytes to the server's socket as they are, for requests Node's client refuses to make
 * (control characters in a header, a Content-Length that lies), and reads the one answer. With
 * `halfClose` the client stops sending after the bytes, as a sender that gave up would.
 */
export async function rawSocket(url: string, bytes: Buffer, halfClose = false): Promise<RawAnswer> {
	const { hostname, port } = new URL(url);
	return await new Promise<RawAnswer>((resolve, reject) => {
		const socket = connect(Number(port), hostname);
		const chunks: Buffer[] = [];
		const timeout = () => socket.destroy(new Error(`No answer in ${TIMEOUT_MS} ms`));
		const timer = setTimeout(timeout, TIMEOUT_MS);
		const finish = () => {
			clearTimeout(timer);
			const all = Buffer.concat(chunks);
			const received = parseResponse(all);
			if (received) resolve(received);
			else reject(new Error(`No HTTP answer: ${JSON.stringify(all.toString('latin1'))}`));
		};
		socket.on('connect', () => (halfClose ? socket.end(bytes) : socket.write(bytes)));
		socket.on('data', (chunk: Buffer) => {
			chunks.push(chunk);
			// One answer is all we wait for; a kept-alive connection would otherwise stay open.
			if (parseResponse(Buffer.concat(chunks), true)) socket.destroy();
		});
		socket.on('error', (error) => (chunks.length > 0 ? finish() : reject(error)));
		socket.on('close', finish);
	});
}

function hasHeader(headers: OutgoingHttpHeaders, name: string): boolean {
	return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function answer(status: number, headers: RawAnswer['headers'], bytes: Buffer): RawAnswer {
	const text = bytes.toString('utf8');
	let body: Record<string, unknown> | undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		const isObject = parsed !== null && typeof parsed === 'object';
		body = isObject ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		body = undefined;
	}
	return { status, headers, text, body };
}

/**
 * A complete HTTP/1.1 answer in `bytes`, or undefined. Understands Content-Length and chunked
 * bodies; with `complete` it also requires the whole body to be there.
 */
function parseResponse(bytes: Buffer, complete = false): RawAnswer | undefined {
	const end = bytes.indexOf('\r\n\r\n');
	if (end < 0) return undefined;
	const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
	const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
	if (!status) return undefined;

	const headers: RawAnswer['headers'] = {};
	for (const line of lines) {
		const colon = line.indexOf(':');
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	let body = bytes.subarray(end + 4);
	if (String(headers['transfer-encoding']).toLowerCase() === 'chunked') {
		const decoded = dechunk(body);
		if (!decoded && complete) return undefined;
		body = decoded ?? body;
	} else if (headers['content-length'] !== undefined) {
		const length = Number(headers['content-length']);
		if (body.length < length && complete) return undefined;
		body = body.subarray(0, length);
	} else if (complete) {
		return undefined;
	}
	return answer(status, headers, body);
}

/** The body of a complete chunked encoding, or undefined while chunks are missing. */
function dechunk(bytes: Buffer): Buffer | undefined {
	const parts: Buffer[] = [];
	let at = 0;
	for (;;) {
		const lineEnd = bytes.indexOf('\r\n', at);
		if (lineEnd < 0) return undefined;
		const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
		if (Number.isNaN(size)) return undefined;
		if (size === 0) return Buffer.concat(parts);
		const start = lineEnd + 2;
		if (bytes.length < start + size + 2) return undefined;
		parts.push(bytes.subarray(start, start + size));
		at = start + size + 2;
	}
}
