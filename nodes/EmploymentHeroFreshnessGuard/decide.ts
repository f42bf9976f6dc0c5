import type { Micros } from './timestamp';

/** One item's claim: its entity key and the time of the change it carries. */
export interface Check {
	key: string;
	at: Micros;
}

export interface Verdict {
	fresh: boolean;
	/** The newest timestamp that had passed for the key before this item; null when none had. */
	previous: Micros | null;
}

/**
 * The rule: an item is fresh when its timestamp is at least the newest one already passed for
 * its key. Equal passes, so that a retry of the same change still goes through; strictly older
 * is stale.
 */
export function isFresh(previous: Micros | null, at: Micros): boolean {
	return previous === null || at >= previous;
}

/** The newest timestamp of each key in a run: what the store must record for the run. */
export function newestPerKey(checks: Check[]): Map<string, Micros> {
	const newest = new Map<string, Micros>();
	for (const { key, at } of checks) {
		const known = newest.get(key);
		if (known === undefined || at > known) newest.set(key, at);
	}
	return newest;
}

/**
 * Verdicts for a run's items, in order, given what the store held for each key before the run.
 * Items of the run count as passed in input order, so an older version later in the same batch
 * is stale. Recording only each key's newest and judging here is the same as recording item by
 * item, as long as the store took the whole run's record in one step.
 */
export function judgeRun(checks: Check[], before: Map<string, Micros | null>): Verdict[] {
	const newest = new Map<string, Micros>();

	return checks.map(({ key, at }) => {
		const previous = newest.get(key) ?? before.get(key) ?? null;
		const fresh = isFresh(previous, at);
		newest.set(key, fresh ? at : (previous as Micros));
		return { fresh, previous };
	});
}
