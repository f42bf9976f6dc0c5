import { collectPages, readHrPage, readPayrollPage, type Page } from '../../../nodes/shared/api';

/** A listing of `total` numbers served in pages, recording what was asked. */
function listing(total: number) {
	const asked: Array<{ page: number; size: number }> = [];
	const fetchPage = async (page: number, size: number): Promise<Page<number>> => {
		asked.push({ page, size });
		const items = Array.from({ length: total }, (_, i) => i).slice(page * size, (page + 1) * size);
		return { items, last: (page + 1) * size >= total };
	};
	return { asked, fetchPage };
}

describe('collectPages', () => {
	it('fetches pages until the last one', async () => {
		const { asked, fetchPage } = listing(250);

		const all = await collectPages(fetchPage, { maxPageSize: 100 });

		expect(all).toHaveLength(250);
		expect(asked).toEqual([
			{ page: 0, size: 100 },
			{ page: 1, size: 100 },
			{ page: 2, size: 100 },
		]);
	});

	it('asks for no more than the limit and stops once it is reached', async () => {
		const { asked, fetchPage } = listing(250);

		const some = await collectPages(fetchPage, { maxPageSize: 100, limit: 30 });

		expect(some).toEqual(Array.from({ length: 30 }, (_, i) => i));
		expect(asked).toEqual([{ page: 0, size: 30 }]);
	});

	it('cuts the last page to the limit', async () => {
		const { fetchPage } = listing(250);

		expect(await collectPages(fetchPage, { maxPageSize: 100, limit: 150 })).toHaveLength(150);
	});

	it('returns nothing for an empty listing', async () => {
		const { asked, fetchPage } = listing(0);

		expect(await collectPages(fetchPage, { maxPageSize: 100 })).toEqual([]);
		expect(asked).toHaveLength(1);
	});
});

describe('readHrPage', () => {
	const envelope = (items: unknown[], pageIndex?: number, totalPages?: number) => ({
		data: { items, page_index: pageIndex, total_pages: totalPages, item_per_page: 2 },
	});

	it('is not last before page_index reaches total_pages', () => {
		expect(readHrPage(envelope([1, 2], 1, 2), 1, 2)).toEqual({ items: [1, 2], last: false });
	});

	it('is last when page_index reaches total_pages', () => {
		expect(readHrPage(envelope([3], 2, 2), 2, 2)?.last).toBe(true);
	});

	it('is last on an empty page whatever total_pages says', () => {
		expect(readHrPage(envelope([], 3, 9), 3, 2)?.last).toBe(true);
	});

	it('falls back to a short page when total_pages is missing', () => {
		expect(readHrPage(envelope([1, 2]), 1, 2)?.last).toBe(false);
		expect(readHrPage(envelope([1]), 2, 2)?.last).toBe(true);
	});

	it.each([null, [], { data: {} }, { data: { items: 'x' } }, 'html'])(
		'rejects %p as not an HR listing',
		(body) => {
			expect(readHrPage(body, 1, 2)).toBeUndefined();
		},
	);
});

describe('readPayrollPage', () => {
	it('is last when shorter than $top', () => {
		expect(readPayrollPage([1], 2)).toEqual({ items: [1], last: true });
		expect(readPayrollPage([1, 2], 2)).toEqual({ items: [1, 2], last: false });
	});

	it('rejects a body that is not an array', () => {
		expect(readPayrollPage({ items: [] }, 2)).toBeUndefined();
	});
});
