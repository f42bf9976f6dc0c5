import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/** Where Employment Hero's HR API lives unless the credential says otherwise. */
export const EMPLOYMENT_HERO_API_BASE_URL = 'https://api.employmenthero.com';

/**
 * OAuth2 authorization code with PKCE (S256) against Employment Hero's authorisation server. Access
 * tokens last 15 minutes; n8n renews them with the refresh token, and the nodes ask it to when the
 * API answers 401. Scopes are fixed when the app is created in the Developer Portal, so none are
 * requested here.
 */
export class EmploymentHeroOAuth2Api implements ICredentialType {
	name = 'employmentHeroOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Employment Hero OAuth2 API';

	icon = 'file:employmentHero.svg' as const;

	documentationUrl =
		'https://github.com/n8n-nodes-employment-hero/n8n-nodes-employment-hero#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://oauth.employmenthero.com/oauth2/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://oauth.employmenthero.com/oauth2/token',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Employment Hero documents the client id and secret as request parameters, not Basic auth.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: EMPLOYMENT_HERO_API_BASE_URL,
			placeholder: 'e.g. https://api.employmenthero.com',
			description:
				'Address of the Employment Hero HR API. Change it only for a proxy or a test server.',
		},
	];

	// Cheapest call that proves the token works: the first organisation the user can see.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl }}',
			url: '/api/v1/organisations',
			qs: { item_per_page: 1 },
		},
	};
}
