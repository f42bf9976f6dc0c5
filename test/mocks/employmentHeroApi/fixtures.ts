/** Records the mock serves. Tests may add or delete entries to simulate changes. */
export interface MockData {
	/** HR organisations, by id. */
	organisations: Map<string, HrOrganisation>;
	/** HR employees, by organisation id, then employee id. */
	hrEmployees: Map<string, Map<string, HrEmployee>>;
	/** Payroll businesses, by id. */
	businesses: Map<string, PayrollBusiness>;
	/** Payroll employees, by business id, then employee id. */
	payrollEmployees: Map<string, Map<string, PayrollEmployee>>;
}

export interface HrOrganisation {
	id: string;
	name: string;
	phone: string;
	country: string;
	logo_url: string | null;
}

export interface HrEmployee {
	id: string;
	first_name: string;
	last_name: string;
	email: string;
	job_title: string;
	status: string;
	start_date: string;
	organisation_id: string;
}

export interface PayrollBusiness {
	id: number;
	name: string;
	abn: string;
}

export interface PayrollEmployee {
	id: number;
	firstName: string;
	surname: string;
	emailAddress: string;
	startDate: string;
	status: string;
	externalId: string;
}

/** A uuid-shaped id that reads well in failures: `hr-emp-0003` padded into the uuid layout. */
export function hrId(kind: 'org' | 'emp', n: number): string {
	const tail = `${kind === 'org' ? '0' : '1'}${String(n).padStart(11, '0')}`;
	return `00000000-0000-4000-8000-${tail}`;
}

/**
 * Two HR organisations (the first with `hrEmployeeCount` employees, the second with 2) and two
 * Payroll businesses (the first with `payrollEmployeeCount` employees, the second with 1).
 */
export function defaultData(
	options: { hrEmployeeCount?: number; payrollEmployeeCount?: number } = {},
): MockData {
	const hrCount = options.hrEmployeeCount ?? 5;
	const payrollCount = options.payrollEmployeeCount ?? 5;

	const organisations = new Map<string, HrOrganisation>();
	const hrEmployees = new Map<string, Map<string, HrEmployee>>();
	[hrCount, 2].forEach((count, o) => {
		const org: HrOrganisation = {
			id: hrId('org', o + 1),
			name: `Test Organisation ${o + 1}`,
			phone: '+61 2 0000 0000',
			country: 'AU',
			logo_url: null,
		};
		organisations.set(org.id, org);
		hrEmployees.set(org.id, new Map());
		for (let e = 1; e <= count; e++) {
			const employee: HrEmployee = {
				id: hrId('emp', o * 100_000 + e),
				first_name: `First${e}`,
				last_name: `Last${e}`,
				email: `employee${e}@org${o + 1}.example.com`,
				job_title: 'Tester',
				status: 'active',
				start_date: '2024-01-01',
				organisation_id: org.id,
			};
			hrEmployees.get(org.id)!.set(employee.id, employee);
		}
	});

	const businesses = new Map<string, PayrollBusiness>();
	const payrollEmployees = new Map<string, Map<string, PayrollEmployee>>();
	[payrollCount, 1].forEach((count, b) => {
		const business: PayrollBusiness = {
			id: 1000 + b + 1,
			name: `Test Business ${b + 1}`,
			abn: '00000000000',
		};
		businesses.set(String(business.id), business);
		payrollEmployees.set(String(business.id), new Map());
		for (let e = 1; e <= count; e++) {
			const employee: PayrollEmployee = {
				id: (b + 1) * 100_000 + e,
				firstName: `First${e}`,
				surname: `Surname${e}`,
				emailAddress: `employee${e}@business${b + 1}.example.com`,
				startDate: '2024-01-01T00:00:00',
				status: 'Active',
				externalId: `ext-${e}`,
			};
			payrollEmployees.get(String(business.id))!.set(String(employee.id), employee);
		}
	});

	return { organisations, hrEmployees, businesses, payrollEmployees };
}
