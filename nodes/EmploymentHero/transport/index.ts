import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';

import {
	EMPLOYMENT_HERO_API_BASE_URL,
} from '../../../credentials/EmploymentHeroOAuth2Api.credentials';
import {
	DEFAULT_RETRY_POLICY,
	collectPages,
	getWithCredential,
	isSuccess,
	normalizeBaseUrl,
	outcomeError,
	readHrPage,
	sendWithRetry,
	type ErrorHints,
	type SendOutcome,
} from '../../shared/api';

const CREDENTIAL = 'employmentHeroOAuth2Api';

/** The HR API's largest `item_per_page`. */
const MAX_PAGE_SIZE = 100;

const HINTS: ErrorHints = {
	service: 'Employment Hero',
	unauthorized:
		'Reconnect the Employment Hero OAuth2 API credential: its access could not be renewed, usually because the consent expired or was revoked.',
	forbidden:
		'Check that the Employment Hero app has the scopes this operation needs (urn:mainapp:organisations:read, urn:mainapp:employees:read) and that the connected user can see this organisation.',
	notFound:
		'Check the Organisation ID, and that the API Base URL in the credential is https://api.employmenthero.com.',
	unreachable: 'Check the API Base URL in the Employment Hero OAuth2 API credential',
};

export interface HrRequest {
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	/** Resolve with `undefined` on 404 instead of throwing. */
	allowNotFound?: boolean;
}

/**
 * GET an HR API path and return the parsed body. Retries as the shared policy allows; on a 401 it
 * asks n8n to renew the OAuth2 token once and tries again, so a token that expired between runs
 * never reaches the user.
 */
export async function hrRequest(this: IExecuteFunctions, request: HrRequest): Promise<unknown> {
	const credentials = await this.getCredentials(CREDENTIAL, request.itemIndex);
	const baseURL = normalizeBaseUrl(
		this.getNode(),
		credentials.baseUrl ?? EMPLOYMENT_HERO_API_BASE_URL,
		'Employment Hero OAuth2 API',
		request.itemIndex,
	);
	const policy = DEFAULT_RETRY_POLICY;

	const send = async () =>
		await getWithCredential.call(this, CREDENTIAL, {
			baseURL,
			url: request.path,
			qs: request.qs,
			timeoutMs: policy.timeoutMs,
		});
	const sendRetrying = async (): Promise<SendOutcome> =>
		await sendWithRetry(send, {
			policy,
			signal: this.getExecutionCancelSignal?.(),
			onRetry: ({ attempt, delayMs, failure }) =>
				this.logger.debug('Retrying Employment Hero request', {
					path: request.path,
					attempt,
					delayMs,
					failure,
				}),
		});

	let outcome = await sendRetrying();
	if (outcome.response?.statusCode === 401) {
		await renewAccessToken.call(this, request.itemIndex);
		outcome = await sendRetrying();
	}

	const { response } = outcome;
	if (response && isSuccess(response)) return response.body;
	if (response?.statusCode === 404 && request.allowNotFound) return undefined;
	throw outcomeError(this.getNode(), outcome, HINTS, request.itemIndex);
}

/**
 * Every record of an HR listing (`page_index` from 1, `item_per_page` up to 100), or the first
 * `limit` of them.
 */
export async function hrGetAll(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	return await collectPages<IDataObject>(
		async (page, pageSize) => {
			const pageIndex = page + 1;
			const body = await hrRequest.call(this, {
				path,
				qs: { page_index: pageIndex, item_per_page: pageSize },
				itemIndex,
			});
			const parsed = readHrPage<IDataObject>(body, pageIndex, pageSize);
			if (!parsed) throw unexpectedAnswer.call(this, body, itemIndex);
			return parsed;
		},
		{ maxPageSize: MAX_PAGE_SIZE, limit },
	);
}

/** The record inside an HR `{"data": {...}}` envelope. */
export function unwrapRecord(
	this: IExecuteFunctions,
	body: unknown,
	itemIndex: number,
): IDataObject {
	const data = (body as { data?: unknown } | undefined)?.data;
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw unexpectedAnswer.call(this, body, itemIndex);
	}
	return data as IDataObject;
}

function unexpectedAnswer(this: IExecuteFunctions, body: unknown, itemIndex: number): NodeApiError {
	return new NodeApiError(this.getNode(), { body: JSON.stringify(body ?? null).slice(0, 500) }, {
		message: 'Unexpected answer from Employment Hero',
		description:
			'The answer was not the JSON the HR API sends. Check that the API Base URL in the credential points at the Employment Hero API.',
		itemIndex,
	});
}

async function renewAccessToken(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	try {
		await this.helpers.refreshOAuth2Token.call(this, CREDENTIAL);
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject, {
			message: 'Could not renew the Employment Hero access token',
			description: HINTS.unauthorized,
			httpCode: '401',
			itemIndex,
		});
	}
}
