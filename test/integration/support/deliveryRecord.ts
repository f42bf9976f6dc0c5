import { randomUUID } from 'crypto';

import type { DeliveryRecord } from '../../../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';

/** A delivery as the trigger hands it to a store; a fresh event id unless one is given. */
export function deliveryRecord(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
	const eventId = overrides.eventId ?? `evt-${randomUUID()}`;
	return {
		connectionId: 'hook-1',
		eventId,
		eventType: 'EmployeeUpdated',
		entityCount: 1,
		attempt: 1,
		receivedAt: new Date(),
		payload: { eventId, entities: [{ index: 0, eventType: 'EmployeeUpdated', entityId: '42' }] },
		claimToken: randomUUID(),
		...overrides,
	};
}
