/** One change to an employee record, delivered as a single HR event. */
export interface Change {
	eventId: string;
	employee: string;
	/** The source's own change time, which the Freshness Guard is told to compare. */
	updatedAt: string;
}

/**
 * `perEmployee` changes to each of `employees` employees, one second apart from `start`, so that
 * each employee's times are distinct; the caller shuffles them.
 */
export function employeeChanges(employees: number, perEmployee: number, start: number): Change[] {
	return Array.from({ length: employees }, (_, e) =>
		Array.from({ length: perEmployee }, (_, c) => ({
			eventId: `fg-${e}-${c}`,
			employee: `emp-${e}`,
			updatedAt: new Date(start + c * 1_000).toISOString(),
		})),
	).flat();
}

export function changeBody(change: Change): string {
	return JSON.stringify({
		id: change.eventId,
		event: 'EmployeeUpdated',
		data: { id: change.employee, UpdatedAt: change.updatedAt },
	});
}
