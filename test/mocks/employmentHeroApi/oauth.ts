import { createHash, randomBytes } from 'crypto';

import { basicAuth, json, type MockRequest, type MockResponse } from './http';

/** The scopes a full-access test app was created with. */
export const ALL_SCOPES = ['urn:mainapp:organisations:read', 'urn:mainapp:employees:read'];

export interface OAuthClient {
	clientId: string;
	clientSecret: string;
}

export interface TokenSet {
	access_token: string;
	refresh_token: string;
	token_type: 'bearer';
	expires_in: number;
	scope: string;
}

interface AccessGrant {
	clientId: string;
	scopes: string[];
	expiresAt: number;
}

interface PendingCode {
	clientId: string;
	redirectUri: string;
	challenge: string;
	scopes: string[];
	expiresAt: number;
}

/**
 * Employment Hero's authorisation server as the tests need it: authorization code with mandatory
 * PKCE (S256), consent granted at once, short-lived access tokens, and refresh tokens that rotate
 * (each refresh token works once; the answer carries its successor).
 */
export class MockOAuthServer {
	readonly client: OAuthClient;

	accessTokenTtlSeconds: number;

	/** Scopes granted to new tokens; tests narrow it to provoke 403s. */
	grantedScopes: string[] = [...ALL_SCOPES];

	readonly stats = { codesIssued: 0, tokensIssued: 0, refreshes: 0, rejectedTokens: 0 };

	private readonly codes = new Map<string, PendingCode>();

	private readonly accessTokens = new Map<string, AccessGrant>();

	private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();

	constructor(client: OAuthClient, accessTokenTtlSeconds: number) {
		this.client = client;
		this.accessTokenTtlSeconds = accessTokenTtlSeconds;
	}

	/** Tokens issued directly, as if the consent screen had been passed, for tests that skip it. */
	issueTokens(scopes: string[] = this.grantedScopes): TokenSet {
		return this.mint(this.client.clientId, scopes);
	}

	/** Makes every access token issued so far expired, as if 15 minutes had passed. */
	expireAccessTokens(): void {
		for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
	}

	/** Forgets every refresh token, as if the user had revoked the consent. */
	revokeRefreshTokens(): void {
		this.refreshTokens.clear();
	}

	/** The grant behind a bearer token, or why there is none. */
	check(token: string | undefined): AccessGrant | 'missing' | 'invalid' | 'expired' {
		if (!token) return 'missing';
		const grant = this.accessTokens.get(token);
		if (!grant) return 'invalid';
		if (grant.expiresAt <= Date.now()) return 'expired';
		return grant;
	}

	/** `GET /oauth2/authorize`: redirects straight back with a code, as after a granted consent. */
	authorize(request: MockRequest): MockResponse {
		const q = request.query;
		const redirectUri = q.get('redirect_uri');
		if (q.get('client_id') !== this.client.clientId) {
			return json(400, { error: 'invalid_client', error_description: 'Unknown client_id' });
		}
		if (!redirectUri || !/^https?:\/\//.test(redirectUri)) {
			return json(400, { error: 'invalid_request', error_description: 'redirect_uri is required' });
		}
		if (q.get('response_type') !== 'code') {
			return json(400, { error: 'unsupported_response_type' });
		}
		const challenge = q.get('code_challenge');
		if (!challenge || q.get('code_challenge_method') !== 'S256') {
			return json(400, {
				error: 'invalid_request',
				error_description: 'PKCE is required: send code_challenge with code_challenge_method=S256',
			});
		}

		const code = token('code');
		this.codes.set(code, {
			clientId: this.client.clientId,
			redirectUri,
			challenge,
			scopes: [...this.grantedScopes],
			expiresAt: Date.now() + 60_000,
		});
		this.stats.codesIssued++;

		const location = new URL(redirectUri);
		location.searchParams.set('code', code);
		const state = q.get('state');
		if (state !== null) location.searchParams.set('state', state);
		return { status: 302, headers: { location: location.toString() } };
	}

	/**
	 * `POST /oauth2/token`. Parameters may come in the body (form or JSON) or the query string, as
	 * Employment Hero documents them; the client authenticates with Basic auth or `client_id` and
	 * `client_secret` parameters.
	 */
	token(request: MockRequest): MockResponse {
		const param = (name: string) => request.form.get(name) ?? request.query.get(name);
		const basic = basicAuth(request.headers);
		const clientId = basic?.user ?? param('client_id');
		const clientSecret = basic?.password ?? param('client_secret');
		if (clientId !== this.client.clientId || clientSecret !== this.client.clientSecret) {
			return json(401, { error: 'invalid_client' });
		}

		const grantType = param('grant_type');
		if (grantType === 'authorization_code') return this.exchangeCode(param);
		if (grantType === 'refresh_token') return this.refresh(param);
		return json(400, { error: 'unsupported_grant_type' });
	}

	private exchangeCode(param: (name: string) => string | null): MockResponse {
		const code = param('code') ?? '';
		const pending = this.codes.get(code);
		this.codes.delete(code);
		if (!pending || pending.expiresAt <= Date.now()) {
			return json(400, { error: 'invalid_grant', error_description: 'Unknown or used code' });
		}
		if (param('redirect_uri') !== null && param('redirect_uri') !== pending.redirectUri) {
			return json(400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
		}
		const verifier = param('code_verifier') ?? '';
		const expected = createHash('sha256').update(verifier).digest('base64url');
		if (verifier === '' || expected !== pending.challenge) {
			return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
		}
		return json(200, this.mint(pending.clientId, pending.scopes));
	}

	private refresh(param: (name: string) => string | null): MockResponse {
		const presented = param('refresh_token') ?? '';
		const grant = this.refreshTokens.get(presented);
		if (!grant) {
			return json(400, { error: 'invalid_grant', error_description: 'Unknown refresh token' });
		}
		this.refreshTokens.delete(presented);
		this.stats.refreshes++;
		return json(200, this.mint(grant.clientId, grant.scopes));
	}

	private mint(clientId: string, scopes: string[]): TokenSet {
		const access = token('at');
		const refresh = token('rt');
		this.accessTokens.set(access, {
			clientId,
			scopes,
			expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000,
		});
		this.refreshTokens.set(refresh, { clientId, scopes });
		this.stats.tokensIssued++;
		return {
			access_token: access,
			refresh_token: refresh,
			token_type: 'bearer',
			expires_in: this.accessTokenTtlSeconds,
			scope: scopes.join(' '),
		};
	}
}

function token(prefix: string): string {
	return `${prefix}_${randomBytes(18).toString('base64url')}`;
}
