import {
	connectWithPkce,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
} from '../../mocks/employmentHeroApi';

/** The mock is what the node tests trust, so its OAuth behaviour is pinned down here. */
describe('Employment Hero mock OAuth server', () => {
	let mock: EmploymentHeroMock;

	beforeEach(async () => {
		mock = await startEmploymentHeroMock({ accessTokenTtlSeconds: 1 });
	});

	afterEach(async () => await mock.close());

	const token = async (fields: Record<string, string>) =>
		await fetch(mock.tokenUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				client_id: mock.client.clientId,
				client_secret: mock.client.clientSecret,
				...fields,
			}),
		});
	const organisations = async (accessToken: string) =>
		await fetch(`${mock.url}/api/v1/organisations`, {
			headers: { authorization: `Bearer ${accessToken}` },
		});

	it('refuses an authorization request without PKCE', async () => {
		const url = new URL(mock.authorizeUrl);
		url.search = new URLSearchParams({
			client_id: mock.client.clientId,
			redirect_uri: 'http://127.0.0.1:1/callback',
			response_type: 'code',
		}).toString();

		const response = await fetch(url, { redirect: 'manual' });

		expect(response.status).toBe(400);
	});

	it('refuses a code exchanged with the wrong verifier', async () => {
		const url = new URL(mock.authorizeUrl);
		url.search = new URLSearchParams({
			client_id: mock.client.clientId,
			redirect_uri: 'http://127.0.0.1:1/callback',
			response_type: 'code',
			code_challenge: 'not-the-hash-of-anything',
			code_challenge_method: 'S256',
		}).toString();
		const consent = await fetch(url, { redirect: 'manual' });
		const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;

		const response = await token({
			grant_type: 'authorization_code',
			code,
			code_verifier: 'some-verifier',
		});

		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
	});

	it('issues access tokens that expire, answering 401 afterwards', async () => {
		const tokens = await connectWithPkce(mock);
		expect((await organisations(tokens.access_token)).status).toBe(200);

		await new Promise((resolve) => setTimeout(resolve, 1100));

		expect((await organisations(tokens.access_token)).status).toBe(401);
	});

	it('rotates refresh tokens: each works once', async () => {
		const tokens = await connectWithPkce(mock);

		const first = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
		const again = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });

		expect(first.status).toBe(200);
		expect(again.status).toBe(400);
		const renewed = (await first.json()) as { access_token: string };
		expect((await organisations(renewed.access_token)).status).toBe(200);
	});

	it('accepts the client credentials as Basic auth too', async () => {
		const tokens = await connectWithPkce(mock);

		const response = await fetch(mock.tokenUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `Basic ${Buffer.from(
					`${mock.client.clientId}:${mock.client.clientSecret}`,
				).toString('base64')}`,
			},
			body: new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: tokens.refresh_token,
			}),
		});

		expect(response.status).toBe(200);
	});
});
