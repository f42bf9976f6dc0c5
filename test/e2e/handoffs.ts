import type { Sink } from './harness';

/** What the handoff workflow posts to the sink for each item. */
export interface Handoff {
	item: Record<string, unknown>;
	executionId: string;
}

/** Handoffs of one delivery. Filtering by event id keeps tests apart when executions lag. */
export function handoffsFor(sink: Sink, eventId: string): Handoff[] {
	return sink
		.received()
		.map((request) => request.body as Handoff)
		.filter((handoff) => handoff?.item?.eventId === eventId);
}

export async function waitForHandoffs(
	sink: Sink,
	eventId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<Handoff[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = handoffsFor(sink, eventId);
		if (found.length >= count) return found;
		if (Date.now() > deadline) {
			throw new Error(`Sink got ${found.length} of ${count} items of delivery ${eventId}.`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** Waits long enough for a wrongly started execution to reach the sink, then counts executions. */
export async function executionsAfterQuiet(sink: Sink, eventId: string, quietMs = 3000) {
	await sink.settle(quietMs);
	return new Set(handoffsFor(sink, eventId).map((handoff) => handoff.executionId)).size;
}
