import { randomUUID } from 'crypto';

import { TRIGGER_NODE_TYPE, type NodeJson, type WorkflowJson } from '../../test/e2e/harness';

const PACKAGE = 'n8n-nodes-employment-hero';

function node(
	name: string,
	type: string,
	position: [number, number],
	parameters: Record<string, unknown> = {},
	extra: Partial<NodeJson> = {},
): NodeJson {
	return { id: randomUUID(), name, type, typeVersion: 1, position, parameters, ...extra };
}

/**
 * The README's typical flow: Employment Hero Trigger -> Freshness Guard -> Payroll Get employee,
 * with No Operation nodes standing in for the user's own storage.
 */
export function exampleWorkflow(options: {
	id: string;
	webhookId: string;
	webhookCredentialId: string;
	payrollCredentialId: string;
}): WorkflowJson {
	const trigger = node(
		'Employment Hero Trigger',
		TRIGGER_NODE_TYPE,
		[0, 100],
		{ events: ['EmployeeCreated', 'EmployeeUpdated', 'EmployeeDeleted'] },
		{
			webhookId: options.webhookId,
			credentials: {
				employmentHeroWebhookApi: {
					id: options.webhookCredentialId,
					name: options.webhookCredentialId,
				},
			},
		},
	);
	const guard = node('Freshness Guard', `${PACKAGE}.employmentHeroFreshnessGuard`, [260, 100]);
	const fetchEmployee = node(
		'Get Payroll Employee',
		`${PACKAGE}.employmentHeroPayroll`,
		[520, 0],
		{ resource: 'employee', operation: 'get' },
		{
			credentials: {
				employmentHeroPayrollApi: {
					id: options.payrollCredentialId,
					name: options.payrollCredentialId,
				},
			},
		},
	);
	const upsert = node('Upsert Into Your Table', 'n8n-nodes-base.noOp', [800, -80]);
	const archive = node('Archive The Row', 'n8n-nodes-base.noOp', [800, 100]);
	const drop = node('Drop Stale Change', 'n8n-nodes-base.noOp', [520, 220]);

	const to = (target: NodeJson) => [{ node: target.name, type: 'main', index: 0 }];
	return {
		id: options.id,
		name: 'Employment Hero: keep employees in sync',
		active: true,
		nodes: [trigger, guard, fetchEmployee, upsert, archive, drop],
		connections: {
			[trigger.name]: { main: [to(guard)] },
			[guard.name]: { main: [to(fetchEmployee), to(drop)] },
			[fetchEmployee.name]: { main: [to(upsert), to(archive)] },
		},
		settings: { executionOrder: 'v1' },
	};
}
