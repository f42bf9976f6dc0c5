import { createServer, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

import { track } from './lifecycle';

/** One request the sink received. */
export interface SinkRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The parsed JSON body, or the raw text when it was not JSON. */
	body: unknown;
}

export interface Sink {
	/** Where workflows should POST, e.g. `http://127.0.0.1:41234/`. */
	url: string;
	/** Everything received since start or the last `reset()`, in arrival order. */
	received(): SinkRequest[];
	/** Resolves with the first `count` requests once they have arrived; rejects after `timeoutMs`. */
	waitForCount(count: number, timeoutMs?: number): Promise<SinkRequest[]>;
	/** Waits `ms` and returns everything received, for asserting that nothing more arrives. */
	settle(ms: number): Promise<SinkRequest[]>;
	/**
	 * The status code of later answers (200 until told otherwise), e.g. 500 to fail a workflow,
	 * and how long to hold each answer back (0 unless told), to make a run take that long.
	 */
	answerWith(status: number, delayMs?: number): void;
	reset(): void;
	close(): Promise<void>;
}

/** Starts a loopback HTTP server that records every request and answers `200 {"ok":true}`. */
export async function startSink(): Promise<Sink> {
	let requests: SinkRequest[] = [];
	let answerStatus = 200;
	let answerDelayMs = 0;
	let waiters: Array<() => void> = [];

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			requests.push({
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: parseJson(text),
			});
			const status = answerStatus;
			setTimeout(() => {
				res
					.writeHead(status, { 'content-type': 'application/json' })
					.end(JSON.stringify({ ok: status < 400 }));
			}, answerDelayMs);
			for (const wake of waiters) wake();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const sink: Sink = {
		url: `http://127.0.0.1:${port}/`,
		received: () => [...requests],
		async waitForCount(count, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			while (requests.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) {
					throw new Error(
						`Sink received ${requests.length} of ${count} requests within ${timeoutMs} ms.`,
					);
				}
				await new Promise<void>((resolve) => {
					const timer = setTimeout(done, left);
					function done(): void {
						clearTimeout(timer);
						waiters = waiters.filter((wake) => wake !== done);
						resolve();
					}
					waiters.push(done);
				});
			}
			return requests.slice(0, count);
		},
		async settle(ms) {
			await new Promise((resolve) => setTimeout(resolve, ms));
			return [...requests];
		},
		answerWith(status, delayMs = 0) {
			answerStatus = status;
			answerDelayMs = delayMs;
		},
		reset() {
			requests = [];
		},
		async close() {
			if (!server.listening) return;
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	track(sink);
	return sink;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		// Not JSON: keep the text so a test can show what arrived instead.
		return text;
	}
}
