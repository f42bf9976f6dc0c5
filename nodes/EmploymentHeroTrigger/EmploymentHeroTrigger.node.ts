import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { RESPOND_AFTER_SUCCESS, triggerProperties } from './description';
import { answerEcho } from './echo';
import { handleDelivery } from './handleDelivery';
import { REGISTRATION_BY_HAND, REGISTRATION_PAYROLL_API } from './registration/description';
import { triggerWebhookMethods } from './registration/webhookMethods';

export class EmploymentHeroTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Employment Hero Trigger',
		name: 'employmentHeroTrigger',
		icon: 'file:employmentHero.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{ [].concat($parameter["events"]).join(", ") }}',
		description:
			'Starts the workflow when Employment Hero (HR or Payroll) sends a signed webhook delivery',
		defaults: { name: 'Employment Hero Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [
			{
				name: 'employmentHeroWebhookApi',
				required: true,
				displayOptions: { show: { registration: [REGISTRATION_BY_HAND] } },
			},
			{
				name: 'employmentHeroPayrollApi',
				required: true,
				displayOptions: { show: { registration: [REGISTRATION_PAYROLL_API] } },
			},
			// n8n's own Postgres credential, reused as is; its name is not ours to suffix.
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed
			{ name: 'postgres', required: true, displayOptions: { show: { dedupeStore: ['postgres'] } } },
		],
		webhooks: [
			// First, so that n8n stores it before `create` registers the URL: Payroll may confirm the
			// URL with this GET while the registration request is still open.
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
			// n8n waits for the run ("lastNode") only for Respond When the Workflow Succeeds, whose
			// answer the trigger then rewrites (see answerAfterRun); every other answer is written by
			// the trigger itself. Said truthfully because n8n 2.x keeps full run data for lastNode
			// executions; the expression runs in the isolate n8n already holds for the request.
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: `={{ $parameter["responseMode"] === "${RESPOND_AFTER_SUCCESS}" ? "lastNode" : "onReceived" }}`,
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = { default: triggerWebhookMethods };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') return answerEcho.call(this);
		return await handleDelivery.call(this);
	}
}
