/** What the trigger records about a delivery it accepts. */
export interface DeliveryRecord {
	/** The trigger's webhook id (its URL token): deliveries are unique per connection. */
	connectionId: string;
	eventId: string;
	/** The first entity's event type, for the record; null when unknown. */
	eventType: string | null;
	entityCount: number;
	attempt: number | null;
	receivedAt: Date;
	/** The parsed body, for stores that keep it. */
	payload: unknown;
	/**
	 * Unique per claim, so that only the claim that started a run can later settle it, and a claim
	 * whose answer was lost can be released without touching anybody else's.
	 */
	claimToken: string;
}

/**
 * `running`: a duplicate whose earlier claim was made with a lease and has not been settled, so
 * its run may still be going (or may have died, and the next retry after the lease takes it
 * over); only stores with leases say so.
 */
export type ClaimResult = 'claimed' | 'duplicate' | 'running';

/** How the run started by a claim ended, when the trigger learns it. */
export type RunOutcome = { succeeded: true } | { succeeded: false; reason: string };

/**
 * Remembers which deliveries a connection has accepted. `claim` is the only way in and is atomic:
 * of any number of concurrent claims for one (connection, event id), exactly one is `claimed`.
 * `settle` records the outcome of a claimed delivery's run; a failed run releases the claim, so
 * that a redelivery is accepted instead of being a duplicate.
 */
export interface DedupeStore {
	/** `tellRunning`: say `running` where the store can tell (otherwise it says `duplicate`). */
	claim(delivery: DeliveryRecord, options?: { tellRunning?: boolean }): Promise<ClaimResult>;
	settle(delivery: DeliveryRecord, outcome: RunOutcome): Promise<void>;
	/**
	 * Called when the trigger lets n8n wait for the run before answering; the returned function is
	 * called once the run has ended. For stores that need to keep something alive meanwhile.
	 */
	whileRunning?(): () => void;
}

/** The store could not answer; the sender should retry later (503). */
export class StoreUnavailableError extends Error {}
