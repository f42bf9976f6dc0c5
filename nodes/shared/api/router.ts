import {
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { runPerItem, type ItemOperation } from './items';

/**
 * A node's `execute`: looks up the operation for the node's Resource and Operation parameters,
 * keyed `resource:operation`, and runs it for every item.
 */
export function createRouter(operations: Record<string, ItemOperation>) {
	return async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
	};
}
