import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/** Item sent to the `Not Found` output, in the shape the trigger uses for deletions. */
export interface NotFoundRecord extends IDataObject {
	entityId: string;
	action: 'delete';
	reason: 'notFound';
}

/** What one operation produced for one input item. */
export type OperationResult = { found: IDataObject[] } | { notFound: NotFoundRecord };

export type ItemOperation = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<OperationResult>;

export function notFound(entityId: string): OperationResult {
	return { notFound: { entityId, action: 'delete', reason: 'notFound' } };
}

/**
 * Runs `operation` for every input item and sorts the results into the two outputs, `Found` and
 * `Not Found`, each output item paired with the input item it came from. With Continue On Fail, a
 * failed item becomes `{ error }` on the first output; otherwise the error stops the node, tagged
 * with the item's index.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	operation: ItemOperation,
): Promise<INodeExecutionData[][]> {
	const found: INodeExecutionData[] = [];
	const missing: INodeExecutionData[] = [];
	const items = this.getInputData();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const result = await operation.call(this, itemIndex);
			if ('notFound' in result) missing.push({ json: result.notFound, pairedItem });
			else for (const json of result.found) found.push({ json, pairedItem });
		} catch (error) {
			if (this.continueOnFail()) {
				found.push({ json: { error: (error as Error).message }, pairedItem });
				continue;
			}
			if (error instanceof NodeApiError || error instanceof NodeOperationError) {
				error.context.itemIndex ??= itemIndex;
				throw error;
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}

	return [found, missing];
}
