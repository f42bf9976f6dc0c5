import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as employee from './actions/employee';
import * as organisation from './actions/organisation';
import { router } from './actions/router';

/**
 * Employment Hero HR: fetch the one employee a webhook reported, or list employees and
 * organisations.
 */
export class EmploymentHero implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero',
		name: 'employmentHero',
		icon: 'file:employmentHero.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Fetch employees and organisations from the Employment Hero HR platform',
		defaults: { name: 'Employment Hero' },
		inputs: ['main'],
		// A second output is the contract: `get` sends employees that no longer exist to `Not Found`.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: ['main', 'main'],
		outputNames: ['Found', 'Not Found'],
		credentials: [{ name: 'employmentHeroOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Employee', value: 'employee' },
					{ name: 'Organisation', value: 'organisation' },
				],
				default: 'employee',
			},
			...employee.description,
			...organisation.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
