import type { INodePropertyOptions } from 'n8n-workflow';

/** Event names Employment Hero sends (HR platform and Payroll), offered in the Events list. */
const EVENT_NAMES = [
	'EmployeeCreated',
	'EmployeeUpdated',
	'EmployeeDeleted',
	'EmployeeOnboarded',
	'EmployeeOffboarding',
	'EmployeeTerminated',
	'EmployeeBankAccountCreated',
	'EmployeeBankAccountUpdated',
	'EmployeeBankAccountDeleted',
	'EmploymentHistoryCreated',
	'EmploymentHistoryUpdated',
	'EmploymentHistoryDeleted',
	'LeaveRequestCreated',
	'LeaveRequestUpdated',
	'LeaveRequestApproved',
	'LeaveRequestDeclined',
	'LeaveRequestDeleted',
	'PayRunCreated',
	'PayRunFinalised',
	'PayRunDeleted',
	'TimesheetCreated',
	'TimesheetUpdated',
	'TimesheetDeleted',
	'TimesheetEntryCreated',
	'TimesheetEntryUpdated',
	'TimesheetEntryDeleted',
];

export const ALL_EVENTS = '*';

export const eventOptions: INodePropertyOptions[] = [
	{ name: 'All Events', value: ALL_EVENTS, description: 'Receive every event type' },
	...EVENT_NAMES.map((name) => ({ name: name.replace(/(?<=[a-z])(?=[A-Z])/g, ' '), value: name })),
];

/**
 * Whether an event type is among the subscribed ones. `*` subscribes to everything, including
 * deliveries whose type is unknown; names compare without regard to case.
 */
export function createEventFilter(events: string[]): (eventType: string | null) => boolean {
	const wanted = new Set(events.map((event) => event.trim().toLowerCase()));
	if (wanted.has(ALL_EVENTS) || wanted.size === 0) return () => true;
	return (eventType) => eventType !== null && wanted.has(eventType.toLowerCase());
}

/**
 * The record kind an event is about: the event name without its final verb
 * (`LeaveRequestApproved` -> `LeaveRequest`, `employee.updated` -> `employee`).
 */
export function entityTypeOf(eventType: string | null): string | null {
	if (eventType === null) return null;

	const separated = /^(.+)[._:\s-][^._:\s-]+$/.exec(eventType);
	if (separated) return separated[1];

	const camel = /^(.*[a-z0-9])[A-Z][a-z]+$/.exec(eventType);
	return camel ? camel[1] : eventType;
}

/**
 * Whether an event removes its record: names ending in `Deleted` (any case, any separator), plus
 * the names the user listed.
 */
export function createDeleteMatcher(extra: string[]): (eventType: string | null) => boolean {
	const listed = new Set(extra.map((event) => event.trim().toLowerCase()).filter(Boolean));
	return (eventType) => {
		if (eventType === null) return false;
		const name = eventType.toLowerCase();
		return name.endsWith('deleted') || listed.has(name);
	};
}
