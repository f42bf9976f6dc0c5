import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { networkCodeOf } from './failure';
import type { SendOutcome } from './sendWithRetry';

/** What one API's errors should tell the user to check. */
export interface ErrorHints {
	/** Product name used in messages, e.g. `Employment Hero Payroll`. */
	service: string;
	/** For 401 after any token refresh: what to do about the credential. */
	unauthorized: string;
	/** For 403: which permissions or settings to check. */
	forbidden: string;
	/** For 404 where a record was required. */
	notFound: string;
	/** When no answer came at all: where the base URL is set. */
	unreachable: string;
}

/**
 * The error to throw for a request that did not succeed: a `NodeApiError` whose message says what
 * happened and whose description says what to check. Errors that are not about the API (for example
 * a missing credential) are returned unchanged.
 */
export function outcomeError(
	node: INode,
	outcome: SendOutcome,
	hints: ErrorHints,
	itemIndex: number,
): Error {
	const tries = outcome.attempts === 1 ? '1 attempt' : `${outcome.attempts} attempts`;
	const waited = `${Math.round(outcome.waitedMs / 100) / 10} s`;

	if (!outcome.response) {
		const code = networkCodeOf(outcome.error);
		if (code === undefined && outcome.error instanceof Error) {
			return outcome.error instanceof NodeApiError || outcome.error instanceof NodeOperationError
				? outcome.error
				: new NodeOperationError(node, outcome.error, { itemIndex });
		}
		// The code stays out of `code`/`httpCode`, where n8n would swap our message for a generic one.
		return new NodeApiError(node, { networkError: code ?? 'none' } as JsonObject, {
			message: `Could not reach ${hints.service}`,
			description: `${hints.unreachable} (${code ?? 'no answer'} after ${tries}.)`,
			itemIndex,
		});
	}

	const { statusCode, body } = outcome.response;
	const errorResponse = (
		typeof body === 'object' && body !== null ? body : { body: String(body ?? '') }
	) as JsonObject;
	const httpCode = String(statusCode);
	const detail = serverMessage(body);

	let message: string;
	let description: string;
	if (statusCode === 401) {
		message = `${hints.service} rejected the credentials`;
		description = hints.unauthorized;
	} else if (statusCode === 403) {
		message = `${hints.service} refused access`;
		description = hints.forbidden;
	} else if (statusCode === 404) {
		message = `${hints.service} found nothing at this address`;
		description = hints.notFound;
	} else if (statusCode === 429) {
		message = `${hints.service} kept rate-limiting the request`;
		description =
			`Gave up after ${tries} and ${waited} of waiting. ` +
			'Run the workflow again later, or send fewer items at once.';
	} else if (statusCode >= 500) {
		message = `${hints.service} failed to answer (HTTP ${statusCode})`;
		description =
			`Gave up after ${tries} and ${waited} of waiting. ` +
			'The service may be down; run the workflow again later.';
	} else {
		message = `${hints.service} rejected the request (HTTP ${statusCode})`;
		description = 'Check the IDs and options given to this node.';
	}
	if (detail) description = `${description} Server said: ${detail}`;

	return new NodeApiError(node, errorResponse, { message, description, httpCode, itemIndex });
}

/** A short human message from an error body, if the API sent one. */
function serverMessage(body: unknown): string | undefined {
	// An HTML error page (from a proxy, say) would only bury the description.
	if (typeof body === 'string') {
		const text = body.trim();
		return text === '' || text.startsWith('<') ? undefined : text.slice(0, 200);
	}
	if (typeof body !== 'object' || body === null) return undefined;

	const record = body as Record<string, unknown>;
	for (const key of ['message', 'Message', 'error_description', 'error']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
		if (typeof value === 'object' && value !== null) {
			const nested = serverMessage(value);
			if (nested) return nested;
		}
	}
	if (Array.isArray(record.errors)) return serverMessage(record.errors[0]);
	return undefined;
}
