import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ledgerProperties } from './description';
import { runLedger } from './runLedger';

export class EmploymentHeroLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero Delivery Ledger',
		name: 'employmentHeroLedger',
		icon: 'file:employmentHero.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Marks deliveries processed or failed in the trigger's Postgres table, lists dead letters and replays them",
		defaults: { name: 'Employment Hero Delivery Ledger' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			// n8n's own Postgres credential, reused as the public contract says.
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'postgres', required: true },
			{
				name: 'employmentHeroWebhookApi',
				required: true,
				displayOptions: { show: { operation: ['replay'] } },
			},
		],
		properties: ledgerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runLedger.call(this);
	}
}
