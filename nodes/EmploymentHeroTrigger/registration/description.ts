import type { INodeProperties } from 'n8n-workflow';

export const REGISTRATION_BY_HAND = 'manual';
export const REGISTRATION_PAYROLL_API = 'payrollApi';

const payrollOnly = { show: { registration: [REGISTRATION_PAYROLL_API] } };

/** The trigger's parameters for registering its URL with Employment Hero. */
export const registrationProperties: INodeProperties[] = [
	{
		displayName: 'Registration',
		name: 'registration',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatically Through the Payroll API',
				value: REGISTRATION_PAYROLL_API,
				description:
					'Activation registers the Production URL with Employment Hero Payroll, with a secret generated for it; deactivation removes the registration',
			},
			{
				name: 'By Hand',
				value: REGISTRATION_BY_HAND,
				description:
					'You register the Production URL in Employment Hero yourself, with the secret of an Employment Hero Webhook credential',
			},
		],
		default: REGISTRATION_BY_HAND,
		description: 'How Employment Hero learns where to send deliveries, and with which secret',
	},
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 123456',
		displayOptions: payrollOnly,
		description:
			'ID of the Payroll business whose events are sent here: the number in the address of the business in Payroll',
	},
	{
		displayName:
			"The signing secret is generated on activation and kept in the workflow; the selected Events become the registration's filters",
		name: 'registrationNotice',
		type: 'notice',
		default: '',
		displayOptions: payrollOnly,
	},
];
