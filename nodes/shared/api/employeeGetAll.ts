import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { limitOf, returnAllAndLimit } from './getMany';
import type { ItemOperation } from './items';
import { requiredId } from './parameters';

export interface EmployeeGetAllOptions {
	/**
	 * The parameter of the organisation or business whose employees are listed. It is read by its
	 * `name`, and an empty value is reported by its `displayName`.
	 */
	parent: INodeProperties;
	/** Every employee, or the first `limit` of them. */
	fetchAll: (
		this: IExecuteFunctions,
		parentId: string,
		itemIndex: number,
		limit: number | undefined,
	) => Promise<IDataObject[]>;
}

/**
 * The employee Get Many operation of both API nodes: the employees of one organisation or business,
 * all or up to a limit. Only the parent parameter and the listing request differ.
 */
export function employeeGetAllOperation(options: EmployeeGetAllOptions): {
	description: INodeProperties[];
	execute: ItemOperation;
} {
	const { parent, fetchAll } = options;

	const description = [parent, ...returnAllAndLimit('employee')];

	async function execute(this: IExecuteFunctions, itemIndex: number) {
		const parentId = requiredId.call(this, parent.name, parent.displayName, itemIndex);
		const limit = limitOf.call(this, itemIndex);

		return { found: await fetchAll.call(this, parentId, itemIndex, limit) };
	}

	return { description, execute };
}
