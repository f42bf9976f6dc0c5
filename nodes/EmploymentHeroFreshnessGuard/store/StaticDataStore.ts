import type { IDataObject } from 'n8n-workflow';

import type { Micros } from '../timestamp';
import type { FreshnessStore } from './FreshnessStore';

/** Keys remembered by default; each costs about 60 bytes of the workflow's static data. */
export const DEFAULT_MAX_KEYS = 10_000;

export interface Entry {
	newest: Micros;
	/** When the key was last recorded (ms since epoch): the least recent is forgotten first. */
	touchedAt: number;
}

/** As saved in static data: key -> [newest timestamp in epoch microseconds, touchedAt]. */
type Saved = Record<string, [string, number]>;

const STATIC_KEY = 'newest';

/**
 * Entries per workflow node in this n8n process. n8n loads static data when an execution starts
 * and saves it whole when it ends, with no lock, so concurrent executions each see a copy without
 * the others' records and the last save wins. Deciding against this map, and merging it into
 * every save, keeps one process consistent; several processes need the Postgres store.
 */
const processEntries = new Map<string, Map<string, Entry>>();

/**
 * Freshness in the workflow's static data: no setup, survives restarts, bounded to `maxKeys`
 * keys. Past the bound the keys recorded longest ago are forgotten, and an item for a forgotten
 * key passes as fresh. Static data is only saved for production executions.
 */
export class StaticDataStore implements FreshnessStore {
	constructor(
		private readonly staticData: IDataObject,
		/** Workflow and node this store belongs to, e.g. `${workflowId}:${nodeId}`. */
		private readonly scope: string,
		private readonly maxKeys: number = DEFAULT_MAX_KEYS,
		private readonly now: () => number = Date.now,
	) {}

	// No await inside: within one process the read, decision input and write cannot interleave.
	async record(newest: Map<string, Micros>): Promise<Map<string, Micros | null>> {
		const entries = this.merged();
		const touchedAt = this.now();
		const before = new Map<string, Micros | null>();

		for (const [key, at] of newest) {
			const known = entries.get(key);
			before.set(key, known?.newest ?? null);
			entries.set(key, { newest: known && known.newest > at ? known.newest : at, touchedAt });
		}

		evictOldest(entries, this.maxKeys);
		processEntries.set(this.scope, entries);
		// Assigning a fresh object marks static data as changed, so n8n saves it.
		this.staticData[STATIC_KEY] = serialise(entries);
		return before;
	}

	async read(keys: string[]): Promise<Map<string, Micros | null>> {
		const entries = this.merged();
		return new Map(keys.map((key) => [key, entries.get(key)?.newest ?? null]));
	}

	/** What static data holds, raised by what this process has recorded since it was loaded. */
	private merged(): Map<string, Entry> {
		const entries = deserialise(this.staticData[STATIC_KEY]);
		for (const [key, entry] of processEntries.get(this.scope) ?? []) {
			const saved = entries.get(key);
			if (!saved) {
				entries.set(key, entry);
				continue;
			}
			entries.set(key, {
				newest: saved.newest > entry.newest ? saved.newest : entry.newest,
				touchedAt: Math.max(saved.touchedAt, entry.touchedAt),
			});
		}
		return entries;
	}
}

/** Forgets the least recently recorded keys until at most `maxKeys` remain. */
export function evictOldest(entries: Map<string, Entry>, maxKeys: number): void {
	const excess = entries.size - maxKeys;
	if (excess <= 0) return;

	const oldestFirst = [...entries].sort(([, a], [, b]) => a.touchedAt - b.touchedAt);
	for (const [key] of oldestFirst.slice(0, excess)) entries.delete(key);
}

/** Built from entries, never by assignment: a key such as `__proto__` must stay a plain key. */
function serialise(entries: Map<string, Entry>): Saved {
	return Object.fromEntries(
		[...entries].map(([key, { newest, touchedAt }]) => [key, [String(newest), touchedAt]]),
	);
}

/** Static data as saved by `serialise`; entries in any other shape are skipped, not trusted. */
function deserialise(value: unknown): Map<string, Entry> {
	const entries = new Map<string, Entry>();
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return entries;

	for (const [key, saved] of Object.entries(value as Record<string, unknown>)) {
		if (!Array.isArray(saved) || typeof saved[0] !== 'string' || typeof saved[1] !== 'number') {
			continue;
		}
		if (!/^-?\d+$/.test(saved[0])) continue;
		entries.set(key, { newest: BigInt(saved[0]), touchedAt: saved[1] });
	}
	return entries;
}

/** For tests: forget what this process has recorded, as a restart would. */
export function forgetProcessEntries(): void {
	processEntries.clear();
}
