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
 * Whether an event type is among the subscribed ones. `*` (or nothing chosen) subscribes to
 * everything, including deliveries whose type is unknown; names compare without regard to case.
 * A comma-separated string, as an expression may produce, is read as a list.
 */
export function createEventFilter(events: unknown): (eventType: string | null) => boolean {
	const listed = Array.isArray(events) ? events : typeof events === 'string' ? events.split(',') : [];
	const wanted = new Set(
		listed
			.filter((event): event is string => typeof event === 'string' && event.trim() !== '')
			.map((event) => event.trim().toLowerCase()),
	);
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
 * Whether an event removes its record. Without a configured list, names ending in `Deleted` (any
 * case, any separator) do. A configured list replaces that default; `*` in a name matches any
 * run of characters, so `*Deleted, EmployeeTerminated` keeps the default and adds one.
 */
export function createDeleteMatcher(configured: string[]): (eventType: string | null) => boolean {
	const patterns = configured.map((event) => event.trim()).filter(Boolean);
	const matchers = (patterns.length > 0 ? patterns : ['*deleted']).map(toPattern);
	return (eventType) => eventType !== null && matchers.some((matcher) => matcher.test(eventType));
}

function toPattern(name: string): RegExp {
	const literal = name.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	return new RegExp(`^${literal.join('.*')}$`, 'i');
}
