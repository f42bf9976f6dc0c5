import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllAndLimit, type OperationResult } from '../../../shared/api';
import { hrGetAll } from '../../transport';

export const description: INodeProperties[] = returnAllAndLimit('organisation');

/** The organisations the connected user can see. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationResult> {
	const limit = limitOf.call(this, itemIndex);

	return { found: await hrGetAll.call(this, '/api/v1/organisations', itemIndex, limit) };
}
