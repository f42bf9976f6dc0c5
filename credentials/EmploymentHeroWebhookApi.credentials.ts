import type { ICredentialType, INodeProperties } from 'n8n-workflow';

export class EmploymentHeroWebhookApi implements ICredentialType {
	name = 'employmentHeroWebhookApi';

	// The public contract names this credential exactly; it holds a signing secret, not API access.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api
	displayName = 'Employment Hero Webhook';

	icon = 'file:employmentHero.svg' as const;

	documentationUrl = 'https://github.com/n8n-nodes-employment-hero/n8n-nodes-employment-hero#setup';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The signing secret shared with Employment Hero. Every delivery must carry an HMAC-SHA256 signature made with it.',
		},
		{
			displayName: 'Previous Secret',
			name: 'previousSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'While rotating, the secret being replaced. Deliveries signed with either secret are accepted; clear it once Employment Hero uses the new one.',
		},
	];
}
