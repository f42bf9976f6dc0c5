import type { INodeProperties } from 'n8n-workflow';

/**
 * The business parameter. The trigger puts a Payroll delivery's business ID in `organisationId`,
 * so that is the default.
 */
export function businessIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required: true,
		default: '={{ $json.organisationId }}',
		description: 'ID of the Payroll business. Defaults to the trigger item\'s organisationId.',
		displayOptions: { show: { resource: ['employee'], operation: operations } },
	};
}
