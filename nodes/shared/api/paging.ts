/** One page of a listing, and whether the API said it was the last. */
export interface Page<T> {
	items: T[];
	last: boolean;
}

/** Guard against an API that never reports a last page. */
const MAX_PAGES = 10_000;

/**
 * Fetches pages 0, 1, 2, … until one is the last, or `limit` items are collected (when given).
 * `fetchPage` receives the zero-based page number and the page size to ask for.
 */
export async function collectPages<T>(
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
	options: { maxPageSize: number; limit?: number },
): Promise<T[]> {
	const pageSize =
		options.limit === undefined
			? options.maxPageSize
			: Math.min(options.maxPageSize, options.limit);
	const collected: T[] = [];

	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, last } = await fetchPage(page, pageSize);
		collected.push(...items);

		if (options.limit !== undefined && collected.length >= options.limit) {
			return collected.slice(0, options.limit);
		}
		if (last) return collected;
	}
	return collected;
}

/**
 * Employment Hero HR list envelope:
 * `{"data": {"items": [...], "page_index": 1, "total_pages": 3}}`, `page_index` counting from 1.
 * The listing ends on an empty page, when `page_index` reaches `total_pages`, or, if `total_pages`
 * is missing, on a short page.
 */
export function readHrPage<T>(
	body: unknown,
	pageIndex: number,
	pageSize: number,
): Page<T> | undefined {
	const data = (body as { data?: unknown } | undefined)?.data as
		| { items?: unknown; page_index?: unknown; total_pages?: unknown }
		| undefined;
	if (!data || !Array.isArray(data.items)) return undefined;

	const items = data.items as T[];
	const current = typeof data.page_index === 'number' ? data.page_index : pageIndex;
	const total = typeof data.total_pages === 'number' ? data.total_pages : undefined;
	const last =
		items.length === 0 || (total !== undefined ? current >= total : items.length < pageSize);
	return { items, last };
}

/**
 * Employment Hero Payroll listing: a bare JSON array, paged with OData `$top`/`$skip`; a page
 * shorter than `$top` is the last.
 */
export function readPayrollPage<T>(body: unknown, pageSize: number): Page<T> | undefined {
	if (!Array.isArray(body)) return undefined;
	return { items: body as T[], last: body.length < pageSize };
}
