import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { HttpResponse } from './types';

export interface GetRequest {
	baseURL: string;
	url: string;
	qs?: IDataObject;
	timeoutMs: number;
}

/**
 * One GET through n8n's authenticated HTTP helper. Every status resolves with the full response
 * (status, headers, body), because the retry logic needs `Retry-After` and the operations need to
 * see a 404; only a request that got no answer throws.
 */
export async function getWithCredential(
	this: IExecuteFunctions,
	credentialType: string,
	request: GetRequest,
): Promise<HttpResponse> {
	return (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
		method: 'GET',
		baseURL: request.baseURL,
		url: request.url,
		qs: request.qs,
		headers: { Accept: 'application/json' },
		json: true,
		timeout: request.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as HttpResponse;
}

/** Whether the server answered with a 2xx status. */
export function isSuccess(response: HttpResponse | undefined): boolean {
	return response !== undefined && response.statusCode >= 200 && response.statusCode < 300;
}
