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
}

export type ClaimResult = 'claimed' | 'duplicate';

/**
 * Remembers which deliveries a connection has accepted. `claim` is the only way in and is atomic:
 * of any number of concurrent claims for one (connection, event id), exactly one is `claimed`.
 */
export interface DedupeStore {
	claim(delivery: DeliveryRecord): Promise<ClaimResult>;
}

/** The store could not answer; the sender should retry later (503). */
export class StoreUnavailableError extends Error {}
