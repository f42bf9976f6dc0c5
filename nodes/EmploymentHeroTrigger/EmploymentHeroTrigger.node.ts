import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { dedupeWebhookMethods } from './dedupe/postgresLifecycle';
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
		credentials: [
			{ name: 'employmentHeroWebhookApi', required: true },
			// n8n's own Postgres credential, reused as is; its name is not ours to suffix.
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'postgres', required: true, displayOptions: { show: { dedupeStore: ['postgres'] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = { default: dedupeWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
