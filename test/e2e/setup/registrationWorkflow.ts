import { randomUUID } from 'crypto';

import { sinkNode, TRIGGER_NODE_TYPE, type CredentialJson, type WorkflowJson } from '../harness';

/** A Payroll API credential whose custom base URL is the loopback mock. */
export function payrollCredential(id: string, baseUrl: string, apiKey: string): CredentialJson {
	return {
		id,
		name: id,
		type: 'employmentHeroPayrollApi',
		data: { apiKey, region: 'custom', baseUrl },
	};
}

export interface RegistrationWorkflowOptions {
	id: string;
	webhookId: string;
	businessId: string;
	events: string[];
	payrollCredentialId: string;
	sinkUrl: string;
}

/**
 * Employment Hero Trigger registering itself through the Payroll API (no webhook credential) ->
 * HTTP Request to the sink, one request per item.
 */
export function registrationWorkflow(options: RegistrationWorkflowOptions): WorkflowJson {
	const trigger = {
		id: randomUUID(),
		name: 'Employment Hero Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		webhookId: options.webhookId,
		parameters: {
			registration: 'payrollApi',
			businessId: options.businessId,
			events: options.events,
		},
		credentials: {
			employmentHeroPayrollApi: {
				id: options.payrollCredentialId,
				name: options.payrollCredentialId,
			},
		},
	};
	const sink = sinkNode(options.sinkUrl);
	return {
		id: options.id,
		name: `Registration ${options.id}`,
		active: true,
		nodes: [trigger, sink],
		connections: { [trigger.name]: { main: [[{ node: sink.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
