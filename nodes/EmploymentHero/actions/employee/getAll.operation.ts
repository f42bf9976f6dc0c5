import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, requiredId, segment, type OperationResult } from '../../../shared/api';
import { hrGetAll } from '../../transport';
import { organisationIdField, returnAllAndLimit } from '../common.descriptions';

export const description: INodeProperties[] = [
	organisationIdField(['getAll']),
	...returnAllAndLimit('employee'),
];

/** The organisation's employees, page by page. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const organisationId = requiredId.call(this, 'organisationId', 'Organisation ID', itemIndex);
	const limit = limitOf.call(this, itemIndex);

	const path = `/api/v1/organisations/${segment(organisationId)}/employees`;
	return { found: await hrGetAll.call(this, path, itemIndex, limit) };
}
