import type { IDataObject, IHookFunctions, IHttpRequestMethods } from 'n8n-workflow';

import {
	DEFAULT_RETRY_POLICY,
	sendWithRetry,
	type HttpResponse,
	type RetryPolicy,
	type SendOutcome,
} from '../../shared/api';

/**
 * Activation and deactivation wait for these calls, and n8n retries a failed activation itself,
 * so they give up sooner than an execution's requests do.
 */
const HOOK_POLICY: RetryPolicy = {
	...DEFAULT_RETRY_POLICY,
	maxAttempts: 3,
	maxTotalWaitMs: 10_000,
	timeoutMs: 15_000,
};

/** A POST that got no answer may still have created a registration: it is never repeated. */
const NO_RETRY: RetryPolicy = { ...HOOK_POLICY, maxAttempts: 1 };

export interface PayrollBusiness {
	baseUrl: string;
	businessId: string;
}

/** A webhook registration as Payroll lists it; fields the trigger does not use are left out. */
export interface RemoteRegistration {
	id: string;
	url: string | undefined;
	filters: string[];
}

/** What Payroll is asked to register. */
export interface NewRegistration {
	url: string;
	secret: string;
	filters: string[];
	description: string;
}

/** `GET /api/v2/business/{b}/webhookregistrations`. */
export async function listRegistrations(
	context: IHookFunctions,
	business: PayrollBusiness,
): Promise<SendOutcome> {
	return await send(context, business, { method: 'GET', path: '' }, HOOK_POLICY);
}

/** `POST /api/v2/business/{b}/webhookregistrations`, sent once. */
export async function postRegistration(
	context: IHookFunctions,
	business: PayrollBusiness,
	registration: NewRegistration,
): Promise<SendOutcome> {
	const body: IDataObject = {
		webHookUri: registration.url,
		secret: registration.secret,
		filters: registration.filters,
		description: registration.description,
		isPaused: false,
	};
	return await send(context, business, { method: 'POST', path: '', body }, NO_RETRY);
}

/** `DELETE /api/v2/business/{b}/webhookregistrations/{id}`; deleting twice is harmless. */
export async function deleteRegistration(
	context: IHookFunctions,
	business: PayrollBusiness,
	id: string,
): Promise<SendOutcome> {
	const path = `/${encodeURIComponent(id)}`;
	return await send(context, business, { method: 'DELETE', path }, HOOK_POLICY);
}

/**
 * The registrations in a listing. Payroll answers in camelCase; PascalCase (the casing of the
 * ASP.NET WebHooks model it is built on) is read as well. Entries without an id are skipped.
 */
export function readRegistrations(body: unknown): RemoteRegistration[] | undefined {
	if (!Array.isArray(body)) return undefined;

	return body.flatMap((entry: unknown) => {
		if (entry === null || typeof entry !== 'object') return [];
		const record = entry as Record<string, unknown>;
		const id = readId(record);
		if (id === undefined) return [];

		const url = field(record, 'webHookUri', 'webhookUri', 'uri');
		const filters = field(record, 'filters');
		return [
			{
				id,
				url: typeof url === 'string' ? url : undefined,
				filters: Array.isArray(filters) ? filters.filter((f) => typeof f === 'string') : [],
			},
		];
	});
}

/** The id in the answer to a POST. */
export function readCreatedId(body: unknown): string | undefined {
	return body !== null && typeof body === 'object' && !Array.isArray(body)
		? readId(body as Record<string, unknown>)
		: undefined;
}

/** Whether two webhook URLs name the same address (scheme and host in any case, same path). */
export function sameUrl(a: string | undefined, b: string): boolean {
	if (a === undefined) return false;
	try {
		return new URL(a).href.replace(/\/+$/, '') === new URL(b).href.replace(/\/+$/, '');
	} catch {
		return false;
	}
}

function readId(record: Record<string, unknown>): string | undefined {
	const id = field(record, 'id');
	if (typeof id === 'number' && Number.isFinite(id)) return String(id);
	return typeof id === 'string' && id.trim() !== '' ? id.trim() : undefined;
}

/** A field by any of `names`, each matched without regard to the case of its first letter. */
function field(record: Record<string, unknown>, ...names: string[]): unknown {
	for (const name of names) {
		for (const key of [name, name[0].toUpperCase() + name.slice(1)]) {
			if (record[key] !== undefined) return record[key];
		}
	}
	return undefined;
}

interface Call {
	method: IHttpRequestMethods;
	/** After `/webhookregistrations`. */
	path: string;
	body?: IDataObject;
}

/**
 * One call through n8n's authenticated HTTP helper with the Payroll credential, retried as the
 * policy allows. Every status resolves; only the lack of an answer ends up in `error`.
 */
async function send(
	context: IHookFunctions,
	business: PayrollBusiness,
	call: Call,
	policy: RetryPolicy,
): Promise<SendOutcome> {
	const url = `/api/v2/business/${encodeURIComponent(business.businessId)}/webhookregistrations${call.path}`;

	const attempt = async () =>
		(await context.helpers.httpRequestWithAuthentication.call(context, 'employmentHeroPayrollApi', {
			method: call.method,
			baseURL: business.baseUrl,
			url,
			body: call.body,
			headers: { Accept: 'application/json' },
			json: true,
			timeout: policy.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as HttpResponse;

	return await sendWithRetry(attempt, {
		policy,
		onRetry: ({ attempt: made, delayMs, failure }) =>
			context.logger.debug('Retrying Employment Hero Payroll webhook registration request', {
				method: call.method,
				businessId: business.businessId,
				attempt: made,
				delayMs,
				failure,
			}),
	});
}
