import type { CredentialJson } from './types';

/**
 * n8n's public API (`<baseUrl>/api/v1`) for workflows under test, such as the alert workflow whose
 * n8n node looks up failed executions. Everything here goes through the REST API of a running
 * instance, as the editor does, with the owner's session cookie (see setup/ownerSession.ts).
 *
 * Both pinned versions take the same requests (their `CreateApiKeyRequestDto` and
 * `PATCH /rest/credentials/:credentialId` agree); the differences are noted where they matter.
 */

/** Scopes an alert workflow needs: reading one execution with its data. */
export const EXECUTION_READ_SCOPES = ['execution:read'];

/**
 * Creates a public-API key for the logged-in user: `POST /rest/api-keys` with
 * `{ label, scopes, expiresAt: null }`, answered with the key in clear once, as `rawApiKey`.
 *
 * `scopes` must be non-empty and allowed for the user's role on both versions. 2.x checks them on
 * every public API call; 1.x only with a licence for API key scopes, so there an unlicensed key
 * may call every endpoint its user may.
 */
export async function createApiKey(
	baseUrl: string,
	cookie: string,
	scopes: string[] = EXECUTION_READ_SCOPES,
	label = 'e2e',
): Promise<string> {
	const response = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ label, scopes, expiresAt: null }),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`Creating an API key answered ${response.status}: ${text}`);

	const key = (JSON.parse(text) as { data?: { rawApiKey?: unknown } }).data?.rawApiKey;
	if (typeof key !== 'string' || key === '') {
		throw new Error(`Creating an API key answered no rawApiKey: ${text}`);
	}
	return key;
}

/**
 * An `n8nApi` credential for `import:credentials`, named by its id. Its values are placeholders:
 * the key and the instance's port exist only once n8n runs, so `connectN8nApiCredential` fills
 * them in after start, keeping the id that workflows imported with it refer to.
 */
export function n8nApiCredential(id: string): CredentialJson {
	return { id, name: id, type: 'n8nApi', data: { apiKey: 'set-after-start', baseUrl: '' } };
}

export interface N8nApiCredentialValues {
	/** Id (and name) of an `n8nApi` credential imported with `n8nApiCredential`. */
	id: string;
	apiKey: string;
	/** The public API's base URL, e.g. `http://127.0.0.1:5678/api/v1`. */
	apiBaseUrl: string;
}

/** Sets an imported `n8nApi` credential's key and base URL: `PATCH /rest/credentials/:id`. */
export async function connectN8nApiCredential(
	baseUrl: string,
	cookie: string,
	values: N8nApiCredentialValues,
): Promise<void> {
	const response = await fetch(`${baseUrl}/rest/credentials/${values.id}`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({
			name: values.id,
			type: 'n8nApi',
			data: { apiKey: values.apiKey, baseUrl: values.apiBaseUrl },
		}),
	});
	if (!response.ok) {
		throw new Error(
			`Updating credential ${values.id} answered ${response.status}: ${await response.text()}`,
		);
	}
}
