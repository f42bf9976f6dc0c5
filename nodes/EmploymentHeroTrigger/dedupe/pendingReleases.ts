/** How often a release that failed is tried again, and for how long. */
export const RELEASE_RETRY_MS = 2_000;
export const RELEASE_GIVE_UP_MS = 15 * 60_000;

type Release = () => Promise<void>;

interface Pending {
	release: Release;
	log?: ReleaseLog;
	since: number;
	timer?: NodeJS.Timeout;
}

export interface ReleaseLog {
	released(key: string): void;
	gaveUp(key: string, error: unknown): void;
}

/**
 * Claims that this process must release but could not reach the database to do so: a claim whose
 * INSERT may have committed while its connection dropped (the sender was told 503 and will retry),
 * or a run that failed while the database was down. Each is retried in the background until it
 * works; a redelivery of the same key in this process releases first, so its claim is not taken
 * for a duplicate. Other processes see the release once the background retry gets through, which
 * the sender's `Retry-After` leaves time for.
 */
export class PendingReleases {
	private readonly pending = new Map<string, Pending>();

	constructor(private readonly now: () => number = Date.now) {}

	get size(): number {
		return this.pending.size;
	}

	add(key: string, release: Release, log?: ReleaseLog): void {
		const known = this.pending.get(key);
		if (known?.timer) clearTimeout(known.timer);
		const entry: Pending = { release, log, since: known?.since ?? this.now() };
		this.pending.set(key, entry);
		this.schedule(key, entry);
	}

	/** Runs the release owed for `key`, if any, before a new claim of it; throws if it fails. */
	async settleBefore(key: string): Promise<void> {
		const entry = this.pending.get(key);
		if (!entry) return;
		await entry.release();
		this.forget(key, entry);
	}

	/** Stops every retry; for tests and shutdown. */
	clear(): void {
		for (const entry of this.pending.values()) if (entry.timer) clearTimeout(entry.timer);
		this.pending.clear();
	}

	private schedule(key: string, entry: Pending): void {
		entry.timer = setTimeout(() => void this.retry(key, entry), RELEASE_RETRY_MS);
		// A pending release must not keep n8n (or a test runner) from exiting.
		entry.timer.unref();
	}

	private async retry(key: string, entry: Pending): Promise<void> {
		if (this.pending.get(key) !== entry) return;
		try {
			await entry.release();
			this.forget(key, entry);
			entry.log?.released(key);
		} catch (error) {
			if (this.pending.get(key) !== entry) return;
			if (this.now() - entry.since >= RELEASE_GIVE_UP_MS) {
				this.forget(key, entry);
				entry.log?.gaveUp(key, error);
				return;
			}
			this.schedule(key, entry);
		}
	}

	private forget(key: string, entry: Pending): void {
		if (entry.timer) clearTimeout(entry.timer);
		if (this.pending.get(key) === entry) this.pending.delete(key);
	}
}
