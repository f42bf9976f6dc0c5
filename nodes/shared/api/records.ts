import { NodeApiError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { collectPages } from './paging';
import type { ApiProfile } from './profile';

/** The record in a single-record answer, out of the API's envelope. */
export function recordIn(
	this: IExecuteFunctions,
	api: ApiProfile,
	body: unknown,
	itemIndex: number,
): IDataObject {
	const record = api.record(body);
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		throw unexpectedAnswer.call(this, api, body, itemIndex);
	}
	return record as IDataObject;
}

/**
 * Every record of a listing, or the first `limit` of them, page by page as the profile's listing
 * says. `get` sends one request with the given query and resolves with its body.
 */
export async function getAllPages(
	this: IExecuteFunctions,
	api: ApiProfile,
	get: (qs: IDataObject) => Promise<unknown>,
	itemIndex: number,
	limit: number | undefined,
): Promise<IDataObject[]> {
	const { listing } = api;
	return await collectPages<IDataObject>(
		async (page, pageSize) => {
			const body = await get(listing.query(page, pageSize));
			const parsed = listing.read(body, page, pageSize);
			if (!parsed) throw unexpectedAnswer.call(this, api, body, itemIndex);
			return parsed;
		},
		{ maxPageSize: listing.maxPageSize, limit },
	);
}

/** For a 2xx answer that is not the API's JSON, such as a proxy's login page. */
function unexpectedAnswer(
	this: IExecuteFunctions,
	api: ApiProfile,
	body: unknown,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(this.getNode(), { body: JSON.stringify(body ?? null).slice(0, 500) }, {
		message: `Unexpected answer from ${api.hints.service}`,
		description: api.unexpectedAnswer,
		itemIndex,
	});
}
