import { randomBytes } from 'crypto';

import { eventOptions } from '../../../nodes/EmploymentHeroTrigger/events';
import type { MockData } from './fixtures';
import { basicAuth, json, type MockRequest, type MockResponse } from './http';

/** A registration as the mock keeps it. */
export interface MockRegistration {
	id: string;
	businessId: string;
	webHookUri: string;
	secret: string;
	filters: string[];
	description: string;
	isPaused: boolean;
}

/** One URL confirmation the mock made before accepting a registration. */
export interface EchoCheck {
	url: string;
	status: number | 'failed';
	matched: boolean;
}

/** Filter names Payroll knows: the trigger's event names, and `*` for all. */
const KNOWN_FILTERS = new Set(eventOptions.map((option) => String(option.value)));

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Payroll's webhook registrations (`/api/v2/business/{b}/webhookregistrations[/{id}]`), modelled
 * on the ASP.NET WebHooks API it is built on: list (without secrets), create (secret of 32 to 64
 * characters, known filters or `*`, and optionally a confirmation of the URL by
 * `GET <url>?echo=<random>`), and delete. The confirmation only ever calls loopback addresses.
 */
export class PayrollWebhookRegistrations {
	readonly registrations = new Map<string, MockRegistration>();

	readonly echoChecks: EchoCheck[] = [];

	constructor(
		private readonly apiKeys: Set<string>,
		/** Whether a create first confirms the URL with an echo, as Payroll's sender may. */
		public verifyEcho: boolean,
	) {}

	/** The registrations of one business, oldest first. */
	forBusiness(businessId: string | number): MockRegistration[] {
		return [...this.registrations.values()].filter((r) => r.businessId === String(businessId));
	}

	async handle(request: MockRequest, data: MockData): Promise<MockResponse | undefined> {
		const parts = request.path.split('/').filter(Boolean).map(decodeURIComponent);
		const [api, version, business, businessId, collection, id, ...rest] = parts;
		if (api !== 'api' || version !== 'v2' || business !== 'business') return undefined;
		if (collection !== 'webhookregistrations' || rest.length > 0) return undefined;

		const auth = basicAuth(request.headers);
		if (!auth || !this.apiKeys.has(auth.user)) {
			return json(401, { message: 'Authorization has been denied for this request.' });
		}
		if (!data.businesses.has(businessId)) {
			return json(404, { message: `Business ${businessId} not found.` });
		}

		if (id === undefined) {
			if (request.method === 'GET') return json(200, this.forBusiness(businessId).map(publicView));
			if (request.method === 'POST') return await this.create(businessId, request);
			return json(405, { message: 'Method not allowed' });
		}

		const found = this.registrations.get(id);
		if (!found || found.businessId !== businessId) {
			return json(404, { message: `WebHook ${id} not found.` });
		}
		if (request.method === 'GET') return json(200, publicView(found));
		if (request.method === 'DELETE') {
			this.registrations.delete(id);
			return { status: 200 };
		}
		return json(405, { message: 'Method not allowed' });
	}

	private async create(businessId: string, request: MockRequest): Promise<MockResponse> {
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(request.body) as Record<string, unknown>;
		} catch {
			return invalid('webHook', 'The request body is not JSON.');
		}

		const uri = body.webHookUri ?? body.WebHookUri;
		let url: URL;
		try {
			url = new URL(String(uri));
			if (!['http:', 'https:'].includes(url.protocol)) throw new Error('not http');
		} catch {
			return invalid('webHook.WebHookUri', 'The WebHookUri must be an absolute http or https URI.');
		}

		const secret = body.secret ?? body.Secret;
		if (typeof secret !== 'string' || secret.length < 32 || secret.length > 64) {
			return invalid(
				'webHook.Secret',
				'The WebHook secret key parameter must be between 32 and 64 characters long.',
			);
		}

		const rawFilters = body.filters ?? body.Filters;
		const filters = Array.isArray(rawFilters) ? rawFilters.map(String) : [];
		const unknown = filters.filter((filter) => !KNOWN_FILTERS.has(filter));
		if (filters.length === 0 || unknown.length > 0) {
			return invalid(
				'webHook.Filters',
				`The following filters are not valid: '${unknown.join("', '")}'.`,
			);
		}

		if (this.verifyEcho) {
			const refused = await this.confirm(url);
			if (refused) return refused;
		}

		const registration: MockRegistration = {
			id: randomBytes(16).toString('hex'),
			businessId,
			webHookUri: url.href,
			secret,
			filters,
			description: String(body.description ?? body.Description ?? ''),
			isPaused: body.isPaused === true,
		};
		this.registrations.set(registration.id, registration);
		return json(201, publicView(registration));
	}

	/** `GET <url>?echo=<random>`, which must answer the value as the whole body. */
	private async confirm(url: URL): Promise<MockResponse | undefined> {
		if (!LOOPBACK_HOSTS.has(url.hostname)) {
			return invalid('webHook.WebHookUri', 'This mock only confirms loopback URLs.');
		}

		const echo = randomBytes(16).toString('hex');
		const target = new URL(url.href);
		target.searchParams.set('echo', echo);
		let check: EchoCheck;
		try {
			const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
			const text = await response.text();
			check = { url: url.href, status: response.status, matched: response.ok && text === echo };
		} catch {
			check = { url: url.href, status: 'failed', matched: false };
		}
		this.echoChecks.push(check);

		return check.matched
			? undefined
			: invalid(
					'webHook.WebHookUri',
					'The WebHook URI did not return the expected echo query parameter value in a plain text response body.',
				);
	}
}

/** A registration as the API shows it: camelCase, without its secret. */
function publicView(registration: MockRegistration) {
	return {
		id: registration.id,
		webHookUri: registration.webHookUri,
		filters: registration.filters,
		description: registration.description,
		isPaused: registration.isPaused,
		headers: {},
		properties: {},
	};
}

function invalid(field: string, problem: string): MockResponse {
	return json(400, { message: 'The request is invalid.', modelState: { [field]: [problem] } });
}
