import type { Micros } from '../timestamp';

/**
 * Remembers, per entity key, the newest timestamp that has passed the guard.
 *
 * `record` is the check-and-record: in one atomic step it raises each key to the given timestamp
 * (never lowers it) and returns what each key held just before, null for keys never seen. Of two
 * concurrent calls, one sees the other's record in full or not at all, so they cannot both pass
 * an older timestamp.
 *
 * `read` returns the same as `record` would but changes nothing; manual executions use it.
 */
export interface FreshnessStore {
	record(newest: Map<string, Micros>): Promise<Map<string, Micros | null>>;
	read(keys: string[]): Promise<Map<string, Micros | null>>;
}
