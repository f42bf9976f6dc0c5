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
	apiGet,
	getAllPages,
	normalizeBaseUrl,
	readHrPage,
	recordIn,
	type ApiProfile,
	type ApiRequest,
} from '../../shared/api';

const HR_API: ApiProfile = {
	credentialType: 'employmentHeroOAuth2Api',
	hints: {
		service: 'Employment Hero',
		unauthorized:
			'Reconnect the Employment Hero OAuth2 API credential: its access could not be renewed, usually because the consent expired or was revoked.',
		forbidden:
			'Check that the Employment Hero app has the scopes this operation needs (urn:mainapp:organisations:read, urn:mainapp:employees:read) and that the connected user can see this organisation.',
		notFound:
			'Check the Organisation ID, and that the API Base URL in the credential is https://api.employmenthero.com.',
		unreachable: 'Check the API Base URL in the Employment Hero OAuth2 API credential',
	},
	unexpectedAnswer:
		'The answer was not the JSON the HR API sends. Check that the API Base URL in the credential points at the Employment Hero API.',
	// Single records come in a `{"data": {...}}` envelope.
	record: (body) => (body as { data?: unknown } | null | undefined)?.data,
	listing: {
		// The HR API's largest `item_per_page`.
		maxPageSize: 100,
		// `page_index` counts from 1.
		query: (page, pageSize) => ({ page_index: page + 1, item_per_page: pageSize }),
		read: (body, page, pageSize) => readHrPage(body, page + 1, pageSize),
	},
};

/**
 * GET an HR API path and return the parsed body. On a 401 it asks n8n to renew the OAuth2 token
 * once and tries again, so a token that expired between runs never reaches the user.
 */
async function hrRequest(this: IExecuteFunctions, request: ApiRequest): Promise<unknown> {
	const credentials = await this.getCredentials(HR_API.credentialType, request.itemIndex);
	const baseURL = normalizeBaseUrl(
		this.getNode(),
		credentials.baseUrl ?? EMPLOYMENT_HERO_API_BASE_URL,
		'Employment Hero OAuth2 API',
		request.itemIndex,
	);

	return await apiGet.call(this, HR_API, request, {
		baseURL,
		renewAccess: async () => await renewAccessToken.call(this, request.itemIndex),
	});
}

/** One record, out of its `{"data": {...}}` envelope; `undefined` when the API answers 404. */
export async function hrGetRecord(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const body = await hrRequest.call(this, { path, itemIndex, allowNotFound: true });
	return body === undefined ? undefined : recordIn.call(this, HR_API, body, itemIndex);
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
	const get = async (qs: IDataObject) => await hrRequest.call(this, { path, qs, itemIndex });
	return await getAllPages.call(this, HR_API, get, itemIndex, limit);
}

async function renewAccessToken(this: IExecuteFunctions, itemIndex: number): Promise<void> {
	try {
		await this.helpers.refreshOAuth2Token.call(this, HR_API.credentialType);
	} catch (error) {
		throw new NodeApiError(this.getNode(), error as JsonObject, {
			message: 'Could not renew the Employment Hero access token',
			description: HR_API.hints.unauthorized,
			httpCode: '401',
			itemIndex,
		});
	}
}
