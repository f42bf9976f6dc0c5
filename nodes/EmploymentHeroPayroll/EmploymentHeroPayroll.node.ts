import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as employee from './actions/employee';
import { router } from './actions/router';

/**
 * Employment Hero Payroll: fetch the one employee a webhook reported, or list a business's
 * employees.
 */
export class EmploymentHeroPayroll implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero Payroll',
		name: 'employmentHeroPayroll',
		icon: 'file:employmentHero.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Fetch employees from Employment Hero Payroll',
		defaults: { name: 'Employment Hero Payroll' },
		inputs: ['main'],
		// A second output is the contract: `get` sends employees that no longer exist to `Not Found`.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: ['main', 'main'],
		outputNames: ['Found', 'Not Found'],
		credentials: [{ name: 'employmentHeroPayrollApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Employee', value: 'employee' }],
				default: 'employee',
			},
			...employee.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
