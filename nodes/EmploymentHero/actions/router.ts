import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type ItemOperation } from '../../shared/api';
import * as employee from './employee';
import * as organisation from './organisation';

const operations: Record<string, ItemOperation> = {
	'employee:get': employee.get.execute,
	'employee:getAll': employee.getAll.execute,
	'organisation:getAll': organisation.getAll.execute,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;

	const execute = operations[`${resource}:${operation}`];
	if (!execute) {
		throw new NodeOperationError(
			this.getNode(),
			`Unsupported operation "${resource}: ${operation}"`,
			{
				description:
					'Choose one of the listed operations; this workflow may come from a newer version of the node.',
			},
		);
	}
	return await runPerItem.call(this, execute);
}
