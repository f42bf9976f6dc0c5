import { Agent, request } from 'http';
import { performance } from 'perf_hooks';

import type { SignedDelivery } from './deliveries';
import { quantile } from './stats';

export interface LoadOptions {
	url: string;
	/** Requests in flight at once, each on its own kept-alive connection. */
	connections: number;
	/** No request starts after this; those in flight are waited for. */
	durationMs: number;
	/** Sent in order, each at most once; the run also ends when they run out. */
	deliveries: SignedDelivery[];
	/** Whether an answer counts as an acknowledgement (e.g. 200 with `"status":"accepted"`). */
	acknowledged: (status: number, body: string) => boolean;
	/** A request not answered within this counts as an error. */
	timeoutMs?: number;
}

export interface LoadResult {
	sent: number;
	acknowledged: number;
	/** Answers that were not acknowledgements, by status, plus `error` for failed requests. */
	others: Record<string, number>;
	/** From the first request to the last answer. */
	elapsedMs: number;
	/** Acknowledgements per second. */
	throughput: number;
	/** Latency of acknowledged requests, from sending to the end of the answer. */
	p50Ms: number;
	p99Ms: number;
	/** True when the deliveries ran out before the duration did (size the pool larger). */
	exhausted: boolean;
}

interface Answer {
	status: number;
	body: string;
}

function post(
	agent: Agent,
	url: URL,
	delivery: SignedDelivery,
	timeoutMs: number,
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'content-length': delivery.body.length,
					'ms-signature': delivery.signature,
				},
				timeout: timeoutMs,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
				res.on('error', reject);
			},
		);
		req.on('timeout', () => req.destroy(new Error('timed out')));
		req.on('error', reject);
		req.end(delivery.body);
	});
}

/**
 * A closed-loop load generator on loopback: `connections` workers, each sending its next
 * delivery as soon as the previous one is answered, over kept-alive sockets. Bounded twice, by
 * duration and by the number of deliveries, so it always stops by itself.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const url = new URL(options.url);
	const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
	const timeoutMs = options.timeoutMs ?? 30_000;
	const latencies: number[] = [];
	const others: Record<string, number> = {};
	let next = 0;
	let acknowledged = 0;
	let ranOut = false;

	const start = performance.now();
	const deadline = start + options.durationMs;
	const worker = async (): Promise<void> => {
		while (performance.now() < deadline && next < options.deliveries.length) {
			const delivery = options.deliveries[next++];
			const sentAt = performance.now();
			try {
				const answer = await post(agent, url, delivery, timeoutMs);
				if (options.acknowledged(answer.status, answer.body)) {
					acknowledged++;
					latencies.push(performance.now() - sentAt);
				} else {
					others[answer.status] = (others[answer.status] ?? 0) + 1;
				}
			} catch {
				others.error = (others.error ?? 0) + 1;
			}
		}
		if (next >= options.deliveries.length && performance.now() < deadline) ranOut = true;
	};
	await Promise.all(Array.from({ length: options.connections }, worker));
	const elapsedMs = performance.now() - start;
	agent.destroy();

	return {
		sent: next,
		acknowledged,
		others,
		elapsedMs,
		throughput: (acknowledged * 1000) / elapsedMs,
		p50Ms: quantile(latencies, 0.5),
		p99Ms: quantile(latencies, 0.99),
		exhausted: ranOut,
	};
}
