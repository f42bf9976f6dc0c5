import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Base URL of each Payroll region. Singapore has none here: its address is given to each customer,
 * so the user enters it, as for `custom`.
 */
export const PAYROLL_REGION_BASE_URLS: Readonly<Record<string, string>> = {
	au: 'https://api.yourpayroll.com.au',
	nz: 'https://api.nzpayroll.co.nz',
	uk: 'https://api.yourpayroll.co.uk',
	my: 'https://apimy.yourpayroll.io',
};

/** The same lookup as an n8n expression, for the credential test (expressions cannot import). */
const baseUrlExpression = `={{ ${Object.entries(PAYROLL_REGION_BASE_URLS)
	.map(([region, url]) => `$credentials.region === '${region}' ? '${url}' : `)
	.join('')}$credentials.baseUrl }}`;

/** Payroll API key, sent as the HTTP Basic user name with a blank password. */
export class EmploymentHeroPayrollApi implements ICredentialType {
	name = 'employmentHeroPayrollApi';

	displayName = 'Employment Hero Payroll API';

	icon = 'file:employmentHero.svg' as const;

	documentationUrl =
		'https://github.com/n8n-nodes-employment-hero/n8n-nodes-employment-hero#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API key shown in Payroll under your user account, under API Key.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Australia', value: 'au' },
				{ name: 'Custom', value: 'custom' },
				{ name: 'Malaysia', value: 'my' },
				{ name: 'New Zealand', value: 'nz' },
				{ name: 'Singapore', value: 'sg' },
				{ name: 'United Kingdom', value: 'uk' },
			],
			default: 'au',
			description: 'Where the Payroll account is hosted. A key works only in its own region.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://api.yourpayroll.com.au',
			description:
				'Address of the Payroll API, used for Singapore and Custom. Ask Employment Hero for the Singapore address.',
			displayOptions: { show: { region: ['sg', 'custom'] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: { username: '={{ $credentials.apiKey }}', password: '' },
		},
	};

	// Listing the businesses the key can see is cheap and fails with 401 for a wrong key or region.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression,
			url: '/api/v2/business',
		},
	};
}
