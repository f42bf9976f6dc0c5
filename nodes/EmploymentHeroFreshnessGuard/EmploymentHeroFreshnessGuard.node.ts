import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { guardProperties } from './description';
import { guardItems } from './guardItems';

export class EmploymentHeroFreshnessGuard implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero Freshness Guard',
		name: 'employmentHeroFreshnessGuard',
		icon: 'file:employmentHero.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["store"] === "postgres" ? "Postgres" : "Static Data" }}',
		description:
			'Passes an item only when nothing newer for the same record has passed before it, so a late, older change never overwrites a fresher one',
		defaults: { name: 'Employment Hero Freshness Guard' },
		inputs: ['main'],
		// Two outputs, told apart by name; the lint rule only knows single-output nodes.
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: ['main', 'main'],
		outputNames: ['Fresh', 'Stale'],
		credentials: [
			// n8n's own Postgres credential, reused as the public contract says.
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'postgres', required: true, displayOptions: { show: { store: ['postgres'] } } },
		],
		properties: guardProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await guardItems.call(this);
	}
}
