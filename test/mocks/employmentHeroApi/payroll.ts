import type { MockData } from './fixtures';
import { basicAuth, intParam, json, type MockRequest, type MockResponse } from './http';

/** Requests allowed per business within a window, as the Payroll API enforces them. */
export interface RateLimit {
	requests: number;
	windowMs: number;
}

/**
 * The Payroll API (`/api/v2/business/...`): the API key as the Basic user name with a blank
 * password, bare JSON records and arrays, OData `$top` (at most 100) and `$skip` paging, and a per
 * business rate limit answered with 429 and `Retry-After`. Returns undefined for other paths.
 */
export class PayrollApi {
	readonly stats = { rateLimited: 0 };

	private readonly arrivals = new Map<string, number[]>();

	constructor(
		private readonly apiKeys: Set<string>,
		public rateLimit: RateLimit | false,
	) {}

	handle(request: MockRequest, data: MockData): MockResponse | undefined {
		const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
		if (parts[0] !== 'api' || parts[1] !== 'v2' || parts[2] !== 'business') return undefined;
		if (request.method !== 'GET') return json(405, { message: 'Method not allowed' });

		const auth = basicAuth(request.headers);
		if (!auth || !this.apiKeys.has(auth.user)) {
			return json(401, { message: 'Authorization has been denied for this request.' });
		}

		const [, , , businessId, resource, shape, employeeId, ...rest] = parts;
		if (businessId === undefined) return json(200, [...data.businesses.values()]);

		const limited = this.throttle(businessId);
		if (limited) return limited;

		const business = data.businesses.get(businessId);
		if (!business) return json(404, { message: `Business ${businessId} not found.` });
		if (resource === undefined) return json(200, business);
		if (resource !== 'employee' || shape !== 'unstructured' || rest.length > 0) return undefined;

		const employees = [...(data.payrollEmployees.get(businessId)?.values() ?? [])];
		if (employeeId === undefined) {
			const top = Math.min(100, intParam(request.query, '$top', 100));
			const skip = intParam(request.query, '$skip', 0);
			return json(200, employees.slice(skip, skip + top));
		}

		const employee = employees.find((e) => String(e.id) === employeeId);
		return employee
			? json(200, employee)
			: json(404, { message: `Employee with id ${employeeId} not found.` });
	}

	/** Counts the request against the business's window; a 429 when the window is full. */
	private throttle(businessId: string): MockResponse | undefined {
		if (!this.rateLimit) return undefined;
		const now = Date.now();
		const recent = (this.arrivals.get(businessId) ?? []).filter(
			(at) => at > now - (this.rateLimit as RateLimit).windowMs,
		);
		if (recent.length >= this.rateLimit.requests) {
			this.arrivals.set(businessId, recent);
			this.stats.rateLimited++;
			const waitMs = recent[0] + this.rateLimit.windowMs - now;
			return json(
				429,
				{ message: `API calls quota exceeded: at most ${this.rateLimit.requests} per second.` },
				{ 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) },
			);
		}
		recent.push(now);
		this.arrivals.set(businessId, recent);
		return undefined;
	}
}
