import type { MockData } from './fixtures';
import { bearerToken, intParam, json, type MockRequest, type MockResponse } from './http';
import type { MockOAuthServer } from './oauth';

const ORGANISATIONS_SCOPE = 'urn:mainapp:organisations:read';
const EMPLOYEES_SCOPE = 'urn:mainapp:employees:read';

/**
 * The HR API (`/api/v1/...`): bearer tokens from the mock OAuth server, records wrapped in
 * `{"data": ...}`, listings paged with `page_index` (from 1) and `item_per_page` (at most 100).
 * Returns undefined for paths it does not serve.
 */
export function handleHr(
	request: MockRequest,
	data: MockData,
	oauth: MockOAuthServer,
): MockResponse | undefined {
	const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
	if (parts[0] !== 'api' || parts[1] !== 'v1' || parts[2] !== 'organisations') return undefined;
	if (request.method !== 'GET') return json(405, { errors: [{ message: 'Method not allowed' }] });

	const [, , , organisationId, collection, employeeId, ...rest] = parts;
	const needs = collection === undefined ? ORGANISATIONS_SCOPE : EMPLOYEES_SCOPE;
	const denied = authorise(request, oauth, needs);
	if (denied) return denied;

	if (organisationId === undefined) {
		return page(request, [...data.organisations.values()]);
	}

	const organisation = data.organisations.get(organisationId);
	if (!organisation) return notFound('Organisation');
	if (collection === undefined) return json(200, { data: organisation });
	if (collection !== 'employees' || rest.length > 0) return undefined;

	const employees = data.hrEmployees.get(organisationId) ?? new Map();
	if (employeeId === undefined) return page(request, [...employees.values()]);

	const employee = employees.get(employeeId);
	return employee ? json(200, { data: employee }) : notFound('Employee');
}

function authorise(
	request: MockRequest,
	oauth: MockOAuthServer,
	scope: string,
): MockResponse | undefined {
	const grant = oauth.check(bearerToken(request.headers));
	if (typeof grant === 'string') {
		oauth.stats.rejectedTokens++;
		return json(
			401,
			{ error: 'invalid_token', error_description: `The access token is ${grant}` },
			{ 'www-authenticate': `Bearer error="invalid_token"` },
		);
	}
	if (!grant.scopes.includes(scope)) {
		return json(403, { error: 'insufficient_scope', error_description: `Requires ${scope}` });
	}
	return undefined;
}

function page(request: MockRequest, all: unknown[]): MockResponse {
	const perPage = Math.min(100, Math.max(1, intParam(request.query, 'item_per_page', 20)));
	const pageIndex = Math.max(1, intParam(request.query, 'page_index', 1));
	const start = (pageIndex - 1) * perPage;
	return json(200, {
		data: {
			items: all.slice(start, start + perPage),
			item_per_page: perPage,
			page_index: pageIndex,
			total_items: all.length,
			total_pages: Math.ceil(all.length / perPage),
		},
	});
}

function notFound(what: string): MockResponse {
	return json(404, { errors: [{ code: 'not_found', message: `${what} not found` }] });
}
