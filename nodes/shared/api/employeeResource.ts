import type { INodeProperties } from 'n8n-workflow';

/**
 * The Employee resource as both API nodes offer it: the Operation selector, then the parameters of
 * Get and of Get Many.
 */
export function employeeResource(
	get: INodeProperties[],
	getAll: INodeProperties[],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['employee'] } },
			options: [
				{
					name: 'Get',
					value: 'get',
					description: 'Get an employee by ID',
					action: 'Get an employee',
				},
				{
					name: 'Get Many',
					value: 'getAll',
					description: 'Get many employees',
					action: 'Get many employees',
				},
			],
			default: 'get',
		},
		...get,
		...getAll,
	];
}
