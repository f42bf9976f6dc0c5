import type { INodeProperties } from 'n8n-workflow';

/**
 * The organisation parameter, defaulting to the trigger item's `organisationId` so the node works
 * when dropped straight after the Employment Hero Trigger.
 */
export function organisationIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Organisation ID',
		name: 'organisationId',
		type: 'string',
		required: true,
		default: '={{ $json.organisationId }}',
		description:
			"ID of the Employment Hero organisation. Defaults to the trigger item's organisationId.",
		displayOptions: { show: { resource: ['employee'], operation: operations } },
	};
}

export function returnAllAndLimit(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: ['getAll'] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: ['getAll'], returnAll: [false] } },
		},
	];
}
