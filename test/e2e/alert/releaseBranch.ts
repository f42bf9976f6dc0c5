import { randomUUID } from 'crypto';

import { ledgerNode, type NodeJson, type WorkflowJson } from '../harness';

export interface ReleaseBranchOptions {
	/** The trigger's table, `schema.table`. */
	tableName: string;
	/** Id of n8n's `postgres` credential. */
	postgresCredentialId: string;
}

/**
 * The alert workflow plus the two nodes the README tells Postgres-store users to add after Build
 * Alert: Split Out on `eventIds`, then Delivery Ledger → Mark Failed with the failed run's start,
 * so that the sender's redelivery of a delivery whose run failed is accepted again.
 */
export function withReleaseBranch(alert: WorkflowJson, options: ReleaseBranchOptions): WorkflowJson {
	const split: NodeJson = {
		id: randomUUID(),
		name: 'Split Event Ids',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [900, 200],
		parameters: { fieldToSplitOut: 'eventIds', options: {} },
	};
	const release = ledgerNode(
		'Release In Ledger',
		{
			operation: 'markFailed',
			tableName: options.tableName,
			eventId: '={{ $json.eventIds }}',
			error: "={{ $('Build Alert').first().json.error }}",
			startedAt: "={{ $('Get Failed Execution').first().json.startedAt }}",
		},
		{ postgresCredentialId: options.postgresCredentialId, position: [1150, 200] },
	);
	const buildAlert = alert.connections['Build Alert'] as { main: Array<Array<unknown>> };
	return {
		...alert,
		nodes: [...alert.nodes, split, release],
		connections: {
			...alert.connections,
			'Build Alert': {
				main: [[...buildAlert.main[0], { node: split.name, type: 'main', index: 0 }]],
			},
			[split.name]: { main: [[{ node: release.name, type: 'main', index: 0 }]] },
		},
	};
}
