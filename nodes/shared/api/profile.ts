import type { IDataObject } from 'n8n-workflow';

import type { ErrorHints } from './apiError';
import type { Page } from './paging';

/**
 * What sets one Employment Hero API (HR or Payroll) apart: its credential, what its errors tell
 * the user, and how its answers wrap records and page listings. The code that sends and reads is
 * shared.
 */
export interface ApiProfile {
	credentialType: string;
	hints: ErrorHints;
	/** For a successful answer that is not the JSON the API sends: what to check. */
	unexpectedAnswer: string;
	/** Where a single record sits in an answer: inside an envelope, or the answer itself. */
	record: (body: unknown) => unknown;
	listing: Listing;
}

/** How an API pages a listing. */
export interface Listing {
	/** The largest page the API serves. */
	maxPageSize: number;
	/** Query parameters asking for the zero-based `page` of `pageSize` records. */
	query: (page: number, pageSize: number) => IDataObject;
	/** The page in an answer, or `undefined` when the answer is not a listing. */
	read: (body: unknown, page: number, pageSize: number) => Page<IDataObject> | undefined;
}
