import type { IDataObject } from 'n8n-workflow';

import type { ClaimResult, DedupeStore, DeliveryRecord } from './DedupeStore';

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

const STATIC_KEY = 'deliveries';

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

		const stored = this.storedFor(connectionId);
		const storedAt = Object.hasOwn(stored, eventId) ? stored[eventId] : undefined;
		if (typeof storedAt === 'number') {
			inProcess.set(eventId, storedAt);
			return 'duplicate';
		}

		inProcess.set(eventId, this.now());
		this.save(connectionId, stored, inProcess);
		return 'claimed';
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

function processClaims(connectionId: string): Map<string, number> {
	let claims = claimedInProcess.get(connectionId);
	if (!claims) {
		claims = new Map();
		claimedInProcess.set(connectionId, claims);
	}
	return claims;
}

/** For tests: forget what this process has claimed, as a restart would. */
export function forgetProcessClaims(): void {
	claimedInProcess.clear();
}
