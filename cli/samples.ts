import { randomUUID } from 'crypto';

import { ALL_EVENTS, entityTypeOf, eventOptions } from '../nodes/EmploymentHeroTrigger/events';
import { UsageError } from './args';

/** Every event type the trigger offers in its Events list. */
export const SAMPLE_EVENT_TYPES: string[] = eventOptions
	.map((option) => String(option.value))
	.filter((value) => value !== ALL_EVENTS);

/** The event type named (in any letter case), or a usage error listing the known ones. */
export function sampleEventType(name: string): string {
	const found = SAMPLE_EVENT_TYPES.find((type) => type.toLowerCase() === name.toLowerCase());
	if (found === undefined) {
		throw new UsageError(`No sample for "${name}". Samples: ${SAMPLE_EVENT_TYPES.join(', ')}.`);
	}
	return found;
}

/**
 * A Payroll work item with one notification of `eventType`, as Employment Hero Payroll sends
 * them. Its `Id` is new each time, so the trigger never answers it as a duplicate.
 */
export function sampleBody(eventType: string, businessId: number): string {
	const entityType = entityTypeOf(eventType) ?? eventType;
	const notification: Record<string, unknown> = {
		Action: eventType,
		Id: entityType === 'Employee' ? 1001 : 5001,
		// The spelling the trigger reads into each item's organisationId.
		businessId,
	};
	if (entityType !== 'Employee' && entityType !== 'PayRun') notification.employeeId = 1001;

	const workItem = {
		Id: randomUUID(),
		Attempt: 1,
		Properties: { businessId },
		Notifications: [notification],
	};
	return JSON.stringify(workItem, null, 2);
}
