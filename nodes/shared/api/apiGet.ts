import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { outcomeError } from './apiError';
import type { ApiProfile } from './profile';
import { getWithCredential, isSuccess } from './request';
import { DEFAULT_RETRY_POLICY } from './retryPolicy';
import { sendWithRetry, type SendOutcome } from './sendWithRetry';

/** One GET as an operation asks for it. */
export interface ApiRequest {
	path: string;
	qs?: IDataObject;
	itemIndex: number;
	/** Resolve with `undefined` on 404 instead of throwing. */
	allowNotFound?: boolean;
}

/** Where a request goes, and what its API needs done around it. */
export interface ApiGetOptions {
	baseURL: string;
	/** Awaited before every attempt, retries included: the place for a rate limiter. */
	beforeAttempt?: (signal: AbortSignal | undefined) => Promise<void>;
	/** Renews the credential's access after a 401; the request, retries included, then runs again. */
	renewAccess?: () => Promise<void>;
}

/**
 * GET an API path with the profile's credential and return the parsed body. Retries as the shared
 * policy allows, logging each retry; a request that does not succeed throws the error
 * `outcomeError` words with the profile's hints.
 */
export async function apiGet(
	this: IExecuteFunctions,
	api: ApiProfile,
	request: ApiRequest,
	options: ApiGetOptions,
): Promise<unknown> {
	const policy = DEFAULT_RETRY_POLICY;
	const signal = this.getExecutionCancelSignal?.();
	const { beforeAttempt } = options;

	const send = async () =>
		await getWithCredential.call(this, api.credentialType, {
			baseURL: options.baseURL,
			url: request.path,
			qs: request.qs,
			timeoutMs: policy.timeoutMs,
		});
	const sendRetrying = async (): Promise<SendOutcome> =>
		await sendWithRetry(send, {
			policy,
			signal,
			beforeAttempt: beforeAttempt && (async () => await beforeAttempt(signal)),
			onRetry: ({ attempt, delayMs, failure }) =>
				this.logger.debug(`Retrying ${api.hints.service} request`, {
					path: request.path,
					attempt,
					delayMs,
					failure,
				}),
		});

	let outcome = await sendRetrying();
	if (outcome.response?.statusCode === 401 && options.renewAccess) {
		await options.renewAccess();
		outcome = await sendRetrying();
	}

	const { response } = outcome;
	if (response && isSuccess(response)) return response.body;
	if (response?.statusCode === 404 && request.allowNotFound) return undefined;
	throw outcomeError(this.getNode(), outcome, api.hints, request.itemIndex);
}
