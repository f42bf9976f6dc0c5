import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	apiGet,
	getAllPages,
	limiterFor,
	readPayrollPage,
	recordIn,
	type ApiProfile,
	type ApiRequest,
} from '../../shared/api';
import { payrollBaseUrl } from './baseUrl';

/**
 * Payroll allows about 5 requests per second per business. The window is 10% longer than a second
 * so that network jitter cannot push six requests into one second as the server counts them.
 */
const RATE_LIMIT = { requests: 5, windowMs: 1100 };

const PAYROLL_API: ApiProfile = {
	credentialType: 'employmentHeroPayrollApi',
	hints: {
		service: 'Employment Hero Payroll',
		unauthorized:
			'Check the API key in the Employment Hero Payroll API credential, and that its region matches where the business is hosted: a key is unknown outside its own region.',
		forbidden:
			"Check that the user who owns the API key has access to this business, and that the credential's region is right.",
		notFound: 'Check the Business ID, and the region or Base URL in the credential.',
		unreachable: 'Check the region and Base URL in the Employment Hero Payroll API credential',
	},
	unexpectedAnswer:
		'The answer was not the JSON the Payroll API sends. Check the region and Base URL in the credential.',
	// Single records come bare, without an envelope.
	record: (body) => body,
	listing: {
		// OData `$top` ceiling of the Payroll list endpoints.
		maxPageSize: 100,
		query: (page, pageSize) => ({ $top: pageSize, $skip: page * pageSize }),
		read: (body, _page, pageSize) => readPayrollPage(body, pageSize),
	},
};

/** A request within one business, whose rate limit it counts against. */
interface PayrollRequest extends ApiRequest {
	businessId: string;
}

/**
 * GET a Payroll API path and return the parsed body. Every attempt, retries included, waits for a
 * slot in the business's rate limit, shared by all items and executions in this process.
 */
async function payrollRequest(this: IExecuteFunctions, request: PayrollRequest): Promise<unknown> {
	const credentials = await this.getCredentials(PAYROLL_API.credentialType, request.itemIndex);
	const baseURL = payrollBaseUrl(this.getNode(), credentials, request.itemIndex);
	const limiter = limiterFor(
		`${baseURL}#${request.businessId}`,
		RATE_LIMIT.requests,
		RATE_LIMIT.windowMs,
	);

	return await apiGet.call(this, PAYROLL_API, request, {
		baseURL,
		beforeAttempt: async (signal) => await limiter.acquire(signal),
	});
}

/** One record of a business; `undefined` when the API answers 404. */
export async function payrollGetRecord(
	this: IExecuteFunctions,
	businessId: string,
	path: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const request = { businessId, path, itemIndex, allowNotFound: true };
	const body = await payrollRequest.call(this, request);
	return body === undefined ? undefined : recordIn.call(this, PAYROLL_API, body, itemIndex);
}

/** Every record of a Payroll listing (`$top` up to 100, `$skip`), or the first `limit` of them. */
export async function payrollGetAll(
	this: IExecuteFunctions,
	businessId: string,
	path: string,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const get = async (qs: IDataObject) =>
		await payrollRequest.call(this, { businessId, path, qs, itemIndex });
	return await getAllPages.call(this, PAYROLL_API, get, itemIndex, limit);
}
