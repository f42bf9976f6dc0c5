import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { notFound, requiredId, segment, type OperationResult } from '../../../shared/api';
import { asRecord, payrollRequest } from '../../transport';
import { businessIdField } from '../common.descriptions';

export const description: INodeProperties[] = [
	{
		displayName:
			'An employee that no longer exists (the API answers 404) goes to the Not Found output as a deletion: its entityId, action "delete" and reason "notFound"',
		name: 'notFoundNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['employee'], operation: ['get'] } },
	},
	businessIdField(['get']),
	{
		displayName: 'Employee ID',
		name: 'employeeId',
		type: 'string',
		required: true,
		default: '={{ $json.entityId }}',
		description: 'ID of the employee to fetch. Defaults to the trigger item\'s entityId.',
		displayOptions: { show: { resource: ['employee'], operation: ['get'] } },
	},
];

/** One employee by ID; a 404 sends the item to `Not Found` as a deletion. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const businessId = requiredId.call(this, 'businessId', 'Business ID', itemIndex);
	const employeeId = requiredId.call(this, 'employeeId', 'Employee ID', itemIndex);

	const body = await payrollRequest.call(this, {
		businessId,
		path: `/api/v2/business/${segment(businessId)}/employee/unstructured/${segment(employeeId)}`,
		itemIndex,
		allowNotFound: true,
	});

	if (body === undefined) return notFound(employeeId);
	return { found: [asRecord.call(this, body, itemIndex)] };
}
