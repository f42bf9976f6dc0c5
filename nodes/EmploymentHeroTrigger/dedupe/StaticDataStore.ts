import type { IDataObject } from 'n8n-workflow';

import type { ClaimResult, DedupeStore, DeliveryRecord, RunOutcome } from './DedupeStore';

export interface Retention {
	/** The newest this many ids are always kept. */
	minIds: number;
	/** Ids younger than this are always kept. */
	minAgeMs: number;
}

export const DEFAULT_RETENTION: Retention = { minIds: 10_000, minAgeMs: 7 * 24 * 3600 * 1000 };

/** Event id -> time (ms since epoch) it was claimed. */
type Seen = Record<string, number>;

/**
 * Ids claimed by this n8n process, per connection. n8n loads static data from its database for
 * every request and saves it after the trigger returns, with no lock: two copies arriving together
 * both load a list without the other, and the later save can drop the earlier id. Checking this
 * map first closes that window within one process, and merging it into every save keeps ids that
 * a concurrent save dropped.
 */
const claimedInProcess = new Map<string, Map<string, number>>();

/**
 * Ids whose run failed in this process, per connection, with the time of the release. n8n saves
 * static data before the trigger learns how a run ended, so the saved copy still holds the
 * claim; these tombstones overrule it until a copy saved without it is loaded again.
 */
const releasedInProcess = new Map<string, Map<string, number>>();

const STATIC_KEY = 'deliveries';

/** How long a tombstone outlives every request that could have loaded static data before it. */
const TOMBSTONE_MARGIN_MS = 60_000;

/** How often static data is marked changed while n8n waits for a run (see `whileRunning`). */
export const REMARK_INTERVAL_MS = 5;

/**
 * Dedupe in the workflow's static data: no setup, survives restarts, but only one n8n process can
 * rely on it (queue mode with several webhook processes needs the Postgres store).
 */
export class StaticDataStore implements DedupeStore {
	constructor(
		private readonly staticData: IDataObject,
		private readonly retention: Retention = DEFAULT_RETENTION,
		private readonly now: () => number = Date.now,
	) {}

	async claim({ connectionId, eventId }: DeliveryRecord): Promise<ClaimResult> {
		const inProcess = processClaims(connectionId);
		if (inProcess.has(eventId)) return 'duplicate';

		const released = mapFor(releasedInProcess, connectionId);
		const raw = this.storedFor(connectionId);
		this.dropSpentTombstones(raw, released);
		const stored = withoutReleased(raw, released);
		const storedAt = Object.hasOwn(stored, eventId) ? stored[eventId] : undefined;
		if (typeof storedAt === 'number') {
			inProcess.set(eventId, storedAt);
			return 'duplicate';
		}

		released.delete(eventId);
		inProcess.set(eventId, this.now());
		this.save(connectionId, stored, inProcess);
		return 'claimed';
	}

	/**
	 * A failed run forgets its claim, so that a redelivery runs; a success has nothing to add. What
	 * is forgotten here is saved with the next claim n8n persists, so a restart in between can
	 * bring the claim back (the Postgres store has no such window).
	 */
	async settle({ connectionId, eventId }: DeliveryRecord, outcome: RunOutcome): Promise<void> {
		if (outcome.succeeded) return;
		processClaims(connectionId).delete(eventId);
		const released = mapFor(releasedInProcess, connectionId);
		released.set(eventId, this.now());
		this.replace(connectionId, withoutReleased(this.storedFor(connectionId), released));
	}

	/**
	 * When n8n waits for the run before answering, it creates the execution first, and n8n 2.x
	 * then rebuilds the workflow's static data wrapper, which clears its "changed" flag: the claim
	 * would never be saved (measured: a restart forgot it). Marking static data changed again
	 * while the run lasts lets n8n save it, at the end of the run or when it answers.
	 */
	whileRunning(): () => void {
		const remark = () => {
			// Assigning a key marks the workflow's static data as changed; the value is unchanged.
			this.staticData[STATIC_KEY] = this.staticData[STATIC_KEY];
		};
		remark();
		const timer = setInterval(remark, REMARK_INTERVAL_MS);
		timer.unref();
		return () => clearInterval(timer);
	}

	/**
	 * A tombstone is spent once static data saved without its id has been loaded again. Copies
	 * loaded by requests that raced the failed run can lack the id too, so only a tombstone older
	 * than that margin is dropped.
	 */
	private dropSpentTombstones(raw: Seen, released: Map<string, number>): void {
		const before = this.now() - TOMBSTONE_MARGIN_MS;
		for (const [id, at] of released) {
			if (at < before && !Object.hasOwn(raw, id)) released.delete(id);
		}
	}

	private storedFor(connectionId: string): Seen {
		const all = this.staticData[STATIC_KEY];
		if (all === null || typeof all !== 'object') return {};
		const seen = (all as IDataObject)[connectionId];
		return seen !== null && typeof seen === 'object' ? (seen as Seen) : {};
	}

	private save(connectionId: string, stored: Seen, inProcess: Map<string, number>): void {
		// Built from entries, never by assignment: an id such as `__proto__` must stay a plain key.
		const merged: Seen = Object.fromEntries([...Object.entries(stored), ...inProcess]);

		const kept = prune(merged, this.retention, this.now());
		if (Object.keys(kept).length < inProcess.size) pruneMap(inProcess, kept);
		this.replace(connectionId, kept);
	}

	private replace(connectionId: string, kept: Seen): void {
		const all = this.staticData[STATIC_KEY];
		const others = all !== null && typeof all === 'object' ? (all as IDataObject) : {};
		// Assigning a fresh object marks static data as changed, so n8n saves it.
		this.staticData[STATIC_KEY] = { ...others, [connectionId]: kept };
	}
}

/**
 * Drops ids that are both older than `minAgeMs` and outside the newest `minIds`. Cheap when
 * nothing is over the bound, so it can run on every save.
 */
export function prune(seen: Seen, retention: Retention, now: number): Seen {
	const ids = Object.keys(seen);
	if (ids.length <= retention.minIds) return seen;

	const cutoff = now - retention.minAgeMs;
	if (!ids.some((id) => seen[id] < cutoff)) return seen;

	const newestFirst = ids.sort((a, b) => seen[b] - seen[a]);
	return Object.fromEntries(
		newestFirst
			.filter((id, rank) => rank < retention.minIds || seen[id] >= cutoff)
			.map((id) => [id, seen[id]]),
	);
}

function pruneMap(claims: Map<string, number>, kept: Seen): void {
	for (const id of [...claims.keys()]) if (!Object.hasOwn(kept, id)) claims.delete(id);
}

/** Drops ids released at or after the time they were stored; older releases are spent. */
function withoutReleased(stored: Seen, released: Map<string, number>): Seen {
	if (released.size === 0) return stored;
	let changed = false;
	const kept = Object.entries(stored).filter(([id, at]) => {
		const releasedAt = released.get(id);
		if (releasedAt === undefined || at > releasedAt) return true;
		changed = true;
		return false;
	});
	return changed ? Object.fromEntries(kept) : stored;
}

function processClaims(connectionId: string): Map<string, number> {
	return mapFor(claimedInProcess, connectionId);
}

function mapFor(maps: Map<string, Map<string, number>>, connectionId: string): Map<string, number> {
	let map = maps.get(connectionId);
	if (!map) {
		map = new Map();
		maps.set(connectionId, map);
	}
	return map;
}

/** For tests: forget what this process has claimed and released, as a restart would. */
export function forgetProcessClaims(): void {
	claimedInProcess.clear();
	releasedInProcess.clear();
}
