import {
	createDeleteMatcher,
	createEventFilter,
	entityTypeOf,
} from '../../../nodes/EmploymentHeroTrigger/events';

describe('entityTypeOf', () => {
	it.each([
		['EmployeeUpdated', 'Employee'],
		['LeaveRequestCreated', 'LeaveRequest'],
		['PayRunFinalised', 'PayRun'],
		['EmployeeBankAccountDeleted', 'EmployeeBankAccount'],
		['employee.updated', 'employee'],
		['leave_request_approved', 'leave_request'],
		['Test', 'Test'],
	])('%s is about %s', (eventType, entityType) => {
		expect(entityTypeOf(eventType)).toBe(entityType);
	});

	it('is null for an unknown event type', () => {
		expect(entityTypeOf(null)).toBeNull();
	});
});

describe('createEventFilter', () => {
	it('lets everything through for *', () => {
		const subscribed = createEventFilter(['*']);
		expect(subscribed('Anything')).toBe(true);
		expect(subscribed(null)).toBe(true);
	});

	it('reads a comma-separated string as a list', () => {
		const subscribed = createEventFilter('EmployeeCreated, EmployeeUpdated');
		expect(subscribed('EmployeeUpdated')).toBe(true);
		expect(subscribed('EmployeeDeleted')).toBe(false);
		expect(createEventFilter('*')('Anything')).toBe(true);
	});

	it('lets only listed types through, in any case', () => {
		const subscribed = createEventFilter(['EmployeeUpdated']);
		expect(subscribed('EmployeeUpdated')).toBe(true);
		expect(subscribed('employeeupdated')).toBe(true);
		expect(subscribed('EmployeeCreated')).toBe(false);
		expect(subscribed(null)).toBe(false);
	});
});

describe('createDeleteMatcher', () => {
	it('treats names ending in Deleted as deletes', () => {
		const isDelete = createDeleteMatcher([]);
		expect(isDelete('EmployeeDeleted')).toBe(true);
		expect(isDelete('employee.deleted')).toBe(true);
		expect(isDelete('EmployeeUpdated')).toBe(false);
		expect(isDelete(null)).toBe(false);
	});

	it('adds the configured names', () => {
		const isDelete = createDeleteMatcher(['EmployeeTerminated', ' ']);
		expect(isDelete('EmployeeTerminated')).toBe(true);
		expect(isDelete('LeaveRequestDeleted')).toBe(true);
		expect(isDelete('EmployeeUpdated')).toBe(false);
	});
});
