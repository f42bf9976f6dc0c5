/** The owner the tests and scripts set up on a fresh n8n; never a real account. */
export const TEST_OWNER = {
	email: 'owner@example.com',
	password: 'Test-Owner-2026',
	firstName: 'Test',
	lastName: 'Owner',
};

export interface OwnerSession {
	/** The `n8n-auth` cookie, as a `Cookie` header value. */
	cookie: string;
	/** `POST /rest/workflows/:id/deactivate`, as the editor's toggle (1.x) or Unpublish (2.x) does. */
	deactivate(workflowId: string): Promise<void>;
}

/**
 * Sets up the owner of a fresh n8n (`POST /rest/owner/setup`), which also logs it in. Deactivating
 * through the REST API is what runs the trigger's `delete` hook: the CLI's `update:workflow
 * --active=false` and `unpublish:workflow` only change the database of a stopped n8n, so no hook
 * ever runs for them.
 */
export async function setUpOwner(baseUrl: string): Promise<OwnerSession> {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(TEST_OWNER),
	});
	if (!response.ok) {
		throw new Error(`Owner setup answered ${response.status}: ${await response.text()}`);
	}
	const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('n8n-auth='));
	if (!auth) throw new Error('Owner setup set no n8n-auth cookie.');
	const cookie = auth.split(';')[0];

	return {
		cookie,
		async deactivate(workflowId) {
			const answer = await fetch(`${baseUrl}/rest/workflows/${workflowId}/deactivate`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie },
				body: '{}',
			});
			if (!answer.ok) {
				throw new Error(
					`Deactivating ${workflowId} answered ${answer.status}: ${await answer.text()}`,
				);
			}
		},
	};
}
