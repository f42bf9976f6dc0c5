import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { notFound, type ItemOperation } from './items';
import { requiredId } from './parameters';

export interface EmployeeGetOptions {
	/**
	 * The parameter of the employee's organisation or business. It is read by its `name`, and an
	 * empty value is reported by its `displayName`.
	 */
	parent: INodeProperties;
	/** The employee's record, or `undefined` when the API answers 404. */
	fetch: (
		this: IExecuteFunctions,
		parentId: string,
		employeeId: string,
		itemIndex: number,
	) => Promise<IDataObject | undefined>;
}

/**
 * The employee Get operation of both API nodes: one employee by ID, or, when the API answers 404,
 * the item sent to `Not Found` as a deletion. Only the parent parameter and the request differ.
 */
export function employeeGetOperation(options: EmployeeGetOptions): {
	description: INodeProperties[];
	execute: ItemOperation;
} {
	const { parent, fetch } = options;
	const showForGet = { show: { resource: ['employee'], operation: ['get'] } };

	const description: INodeProperties[] = [
		{
			displayName:
				'An employee that no longer exists (the API answers 404) goes to the Not Found output as a deletion: its entityId, action "delete" and reason "notFound"',
			name: 'notFoundNotice',
			type: 'notice',
			default: '',
			displayOptions: showForGet,
		},
		parent,
		{
			displayName: 'Employee ID',
			name: 'employeeId',
			type: 'string',
			required: true,
			default: '={{ $json.entityId }}',
			description: "ID of the employee to fetch. Defaults to the trigger item's entityId.",
			displayOptions: showForGet,
		},
	];

	async function execute(this: IExecuteFunctions, itemIndex: number) {
		const parentId = requiredId.call(this, parent.name, parent.displayName, itemIndex);
		const employeeId = requiredId.call(this, 'employeeId', 'Employee ID', itemIndex);

		const record = await fetch.call(this, parentId, employeeId, itemIndex);

		return record === undefined ? notFound(employeeId) : { found: [record] };
	}

	return { description, execute };
}
