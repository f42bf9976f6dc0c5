/** Polls until `condition` holds; fails with `what` if it never does. Asserts nothing on timing. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>) {
	for (let attempt = 0; attempt < 200; attempt++) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(`Gave up waiting for ${what}`);
}
