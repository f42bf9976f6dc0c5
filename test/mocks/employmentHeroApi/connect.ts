import { createHash, randomBytes } from 'crypto';

import type { TokenSet } from './oauth';
import type { EmploymentHeroMock } from './server';

/**
 * Connects like n8n's PKCE credential flow does: authorize with an S256 challenge, follow the
 * redirect's code back, and exchange it with the verifier. Returns the token set n8n would store.
 */
export async function connectWithPkce(mock: EmploymentHeroMock): Promise<TokenSet> {
	const verifier = randomBytes(32).toString('base64url');
	const challenge = createHash('sha256').update(verifier).digest('base64url');
	const redirectUri = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

	const authorize = new URL(mock.authorizeUrl);
	authorize.search = new URLSearchParams({
		client_id: mock.client.clientId,
		redirect_uri: redirectUri,
		response_type: 'code',
		state: 'state-123',
		code_challenge: challenge,
		code_challenge_method: 'S256',
	}).toString();
	const consent = await fetch(authorize, { redirect: 'manual' });
	const location = new URL(consent.headers.get('location') ?? '');
	if (location.searchParams.get('state') !== 'state-123') throw new Error('state not echoed');

	const exchange = await fetch(mock.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code: location.searchParams.get('code') ?? '',
			redirect_uri: redirectUri,
			code_verifier: verifier,
			client_id: mock.client.clientId,
			client_secret: mock.client.clientSecret,
		}),
	});
	if (!exchange.ok) throw new Error(`token exchange failed: ${await exchange.text()}`);
	return (await exchange.json()) as TokenSet;
}
