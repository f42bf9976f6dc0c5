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

	it('replaces the default with the configured names', () => {
		const isDelete = createDeleteMatcher(['EmployeeTerminated', ' ']);
		expect(isDelete('EmployeeTerminated')).toBe(true);
		expect(isDelete('employeeterminated')).toBe(true);
		expect(isDelete('LeaveRequestDeleted')).toBe(false);
	});

	it('matches * in a configured name against any run of characters', () => {
		const isDelete = createDeleteMatcher(['*Deleted', 'EmployeeTerminated']);
		expect(isDelete('LeaveRequestDeleted')).toBe(true);
		expect(isDelete('EmployeeTerminated')).toBe(true);
		expect(isDelete('EmployeeUpdated')).toBe(false);
	});

	it('takes other regular-expression characters literally', () => {
		const isDelete = createDeleteMatcher(['employee.removed']);
		expect(isDelete('employee.removed')).toBe(true);
		expect(isDelete('employeeXremoved')).toBe(false);
	});
});
