/** What the guard adds to an item: its key, its time, and the newest time passed before it. */
export interface Freshness {
	key: string;
	previous: string | null;
	current: string;
}

/** One item as the sink saw it: the output it left the guard by, and its `freshness`. */
export interface Verdict {
	output: 'fresh' | 'stale';
	eventId: string;
	freshness: Freshness;
}

const time = (iso: string) => Date.parse(iso);

/**
 * What must hold for one key whatever order the executions ran in, given that the store records
 * each check atomically. Of the checks in the order the store recorded them, a passed item saw
 * the time of the passed item before it as `previous` (null for the first) and each later pass
 * is at least as new. The sink cannot see that order, but with distinct times sorting the passed
 * items by time recovers it, so the `previous` links must form one chain. A stale item saw a
 * strictly newer time that had passed. The newest item always passes.
 *
 * Returns a description of each violation; none means no stale item passed.
 */
export function orderViolations(verdicts: Verdict[], newest: string): string[] {
	const violations: string[] = [];
	const passed = verdicts
		.filter((verdict) => verdict.output === 'fresh')
		.map((verdict) => verdict.freshness)
		.sort((a, b) => time(a.current) - time(b.current));
	const passedTimes = new Set(passed.map((freshness) => time(freshness.current)));

	passed.forEach((freshness, rank) => {
		if (freshness.previous !== null && time(freshness.previous) > time(freshness.current)) {
			violations.push(`${freshness.current} passed although ${freshness.previous} had`);
		}
		const expected = rank === 0 ? null : passed[rank - 1].current;
		const seen = freshness.previous;
		if ((seen === null ? null : time(seen)) !== (expected === null ? null : time(expected))) {
			violations.push(`${freshness.current} passed after ${seen}, expected after ${expected}`);
		}
	});
	for (const { output, eventId, freshness } of verdicts) {
		if (output !== 'stale') continue;
		const previous = freshness.previous === null ? null : time(freshness.previous);
		if (previous === null || previous <= time(freshness.current) || !passedTimes.has(previous)) {
			violations.push(`${eventId} (${freshness.current}) was stale against ${freshness.previous}`);
		}
	}
	if (!passedTimes.has(time(newest))) violations.push(`the newest, ${newest}, did not pass`);
	return violations;
}
