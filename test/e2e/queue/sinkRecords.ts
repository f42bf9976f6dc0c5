import type { Sink } from '../harness';
import type { Freshness, Verdict } from './freshnessOrder';

interface Posted {
	item?: { eventId?: unknown; freshness?: Freshness };
	executionId?: string;
}

function posted(sink: Sink): Array<{ path: string; body: Posted }> {
	return sink.received().map((request) => ({ path: request.path, body: request.body as Posted }));
}

/** The executions the sink saw for each of `eventIds` (one item per delivery, so one per run). */
export function executionsByDelivery(sink: Sink, eventIds: string[]): Map<string, Set<string>> {
	const runs = new Map(eventIds.map((eventId) => [eventId, new Set<string>()]));
	for (const { body } of posted(sink)) {
		const eventId = body?.item?.eventId;
		if (typeof eventId === 'string') runs.get(eventId)?.add(String(body.executionId));
	}
	return runs;
}

/** Items that left the Freshness Guard (posted to `/fresh` or `/stale`) for `eventIds`. */
export function guardVerdicts(sink: Sink, eventIds: Set<string>): Verdict[] {
	return posted(sink)
		.filter(({ path, body }) => path !== '/' && eventIds.has(String(body?.item?.eventId)))
		.map(({ path, body }) => ({
			output: path === '/fresh' ? ('fresh' as const) : ('stale' as const),
			eventId: String(body.item?.eventId),
			freshness: body.item?.freshness as Freshness,
		}));
}

/**
 * Waits until the sink holds at least `count` requests that `matches`, then `quietMs` more so
 * that a run that should not have happened has time to show up; returns how many there were.
 */
export async function settleAt(
	sink: Sink,
	count: number,
	matches: (body: Posted) => boolean,
	{ timeoutMs, quietMs }: { timeoutMs: number; quietMs: number },
): Promise<number> {
	const seen = () => posted(sink).filter(({ body }) => matches(body)).length;
	const deadline = Date.now() + timeoutMs;
	while (seen() < count) {
		if (Date.now() > deadline) throw new Error(`The sink got ${seen()} of ${count} requests.`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await sink.settle(quietMs);
	return seen();
}
