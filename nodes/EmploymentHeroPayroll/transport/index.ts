import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import {
	DEFAULT_RETRY_POLICY,
	collectPages,
	getWithCredential,
	isSuccess,
	limiterFor,
	outcomeError,
	readPayrollPage,
	sendWithRetry,
	type ErrorHints,
} from '../../shared/api';
import { payrollBaseUrl } from './baseUrl';

const CREDENTIAL = 'employmentHeroPayrollApi';

/** OData `$top` ceiling of the Payroll list endpoints. */
const MAX_PAGE_SIZE = 100;

/**
 * Payroll allows about 5 requests per second per business. The window is 10% longer than a second
 * so that network jitter cannot push six requests into one second as the server counts them.
 */
const RATE_LIMIT = { requests: 5, windowMs: 1100 };

const HINTS: ErrorHints = {
	service: 'Employment Hero Payroll',
	unauthorized:
		'Check the API key in the Employment Hero Payroll API credential, and that its region matches where the business is hosted: a key is unknown outside its own region.',
	forbidden:
		'Check that the user who owns the API key has access to this business, and that the credential\'s region is right.',
	notFound: 'Check the Business ID, and the region or Base URL in the credential.',
	unreachable: 'Check the region and Base URL in the Employment Hero Payroll API credential',
};

export interface PayrollRequest {
	businessId: string;
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	/** Resolve with `undefined` on 404 instead of throwing. */
	allowNotFound?: boolean;
}

/**
 * GET a Payroll API path and return the parsed body. Every attempt, retries included, waits for a
 * slot in the business's rate limit, shared by all items and executions in this process.
 */
export async function payrollRequest(
	this: IExecuteFunctions,
	request: PayrollRequest,
): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL, request.itemIndex);
	const baseURL = payrollBaseUrl(this.getNode(), credentials, request.itemIndex);
	const limiter = limiterFor(
		`${baseURL}#${request.businessId}`,
		RATE_LIMIT.requests,
		RATE_LIMIT.windowMs,
	);
	const signal = this.getExecutionCancelSignal?.();
	const policy = DEFAULT_RETRY_POLICY;

	const outcome = await sendWithRetry(
		async () =>
			await getWithCredential.call(this, CREDENTIAL, {
				baseURL,
				url: request.path,
				qs: request.qs,
				timeoutMs: policy.timeoutMs,
			}),
		{
			policy,
			signal,
			beforeAttempt: async () => await limiter.acquire(signal),
			onRetry: ({ attempt, delayMs, failure }) =>
				this.logger.debug('Retrying Employment Hero Payroll request', {
					path: request.path,
					attempt,
					delayMs,
					failure,
				}),
		},
	);

	const { response } = outcome;
	if (response && isSuccess(response)) return response.body;
	if (response?.statusCode === 404 && request.allowNotFound) return undefined;
	throw outcomeError(this.getNode(), outcome, HINTS, request.itemIndex);
}

/** Every record of a Payroll listing (`$top` up to 100, `$skip`), or the first `limit` of them. */
export async function payrollGetAll(
	this: IExecuteFunctions,
	businessId: string,
	path: string,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject>(
		async (page, pageSize) => {
			const body = await payrollRequest.call(this, {
				businessId,
				path,
				qs: { $top: pageSize, $skip: page * pageSize },
				itemIndex,
			});
			const parsed = readPayrollPage<IDataObject>(body, pageSize);
			if (!parsed) throw unexpectedAnswer.call(this, body, itemIndex);
			return parsed;
		},
		{ maxPageSize: MAX_PAGE_SIZE, limit },
	);
}

/** A single Payroll record, which the API sends bare. */
export function asRecord(this: IExecuteFunctions, body: unknown, itemIndex: number): IDataObject {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw unexpectedAnswer.call(this, body, itemIndex);
	}
	return body as IDataObject;
}

function unexpectedAnswer(this: IExecuteFunctions, body: unknown, itemIndex: number): NodeApiError {
	return new NodeApiError(this.getNode(), { body: JSON.stringify(body ?? null).slice(0, 500) }, {
		message: 'Unexpected answer from Employment Hero Payroll',
		description:
			'The answer was not the JSON the Payroll API sends. Check the region and Base URL in the credential.',
		itemIndex,
	});
}
