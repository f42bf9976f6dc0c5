/**
 * Everything the harness starts is released after the test file that started it, even when the
 * test forgets to or fails first. Jest gives each test file its own copy of this module, and the
 * `afterAll` below is registered while the file is being collected (hooks cannot be added later).
 */

/** Something to release when its test file ends; `close` must tolerate being called twice. */
export interface Disposable {
	close(): Promise<void>;
}

const live = new Set<Disposable>();

/** Closes everything the harness started in this test file. */
export async function closeAll(): Promise<void> {
	const closing = [...live];
	live.clear();
	const results = await Promise.allSettled(closing.map(async (item) => await item.close()));
	const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
	if (failed.length > 0) {
		throw new AggregateError(
			failed.map((r) => r.reason as unknown),
			'Some harness resources did not close.',
		);
	}
}

/** Registers `item` to be closed after the current test file. */
export function track(item: Disposable): void {
	live.add(item);
}

if (typeof afterAll === 'function') afterAll(closeAll, 60_000);
