import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { handleDelivery } from './handleDelivery';

export class EmploymentHeroTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero Trigger',
		name: 'employmentHeroTrigger',
		icon: 'file:employmentHero.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when Employment Hero (HR or Payroll) sends a signed webhook delivery',
		defaults: { name: 'Employment Hero Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'employmentHeroWebhookApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
