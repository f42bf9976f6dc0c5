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
