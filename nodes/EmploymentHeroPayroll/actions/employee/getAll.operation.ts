import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, requiredId, segment, type OperationResult } from '../../../shared/api';
import { payrollGetAll } from '../../transport';
import { businessIdField } from '../common.descriptions';

export const description: INodeProperties[] = [
	businessIdField(['getAll']),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { resource: ['employee'], operation: ['getAll'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { resource: ['employee'], operation: ['getAll'], returnAll: [false] } },
	},
];

/** The business's employees, 100 per request and at most 5 requests a second. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const businessId = requiredId.call(this, 'businessId', 'Business ID', itemIndex);
	const limit = limitOf.call(this, itemIndex);

	const path = `/api/v2/business/${segment(businessId)}/employee/unstructured`;
	return { found: await payrollGetAll.call(this, businessId, path, itemIndex, limit) };
}
