import { randomUUID } from 'crypto';

import { handoffWorkflow, sinkNode, type NodeJson, type WorkflowJson } from './harness';

export interface BranchWorkflowOptions {
	id: string;
	/** Production URL token of the trigger. */
	webhookId: string;
	sinkUrl: string;
	/** The node under test, fed by the trigger; id and position are filled in. */
	node: Omit<NodeJson, 'id' | 'position'>;
	/** One sink node per output of `node`, in output order; each forwards to `<sinkUrl><path>`. */
	outputs: Array<{ name: string; path: string }>;
}

/**
 * Employment Hero Trigger (with the `ehWebhook` credential) -> the node under test, each of whose
 * outputs forwards its items to a path of its own on the sink, so a test sees which output an
 * item left by.
 */
export function branchWorkflow(options: BranchWorkflowOptions): WorkflowJson {
	const { id, webhookId, sinkUrl } = options;
	const workflow = handoffWorkflow({ id, name: id, webhookId, credentialId: 'ehWebhook', sinkUrl });
	const trigger = workflow.nodes[0];
	const node: NodeJson = { ...options.node, id: randomUUID(), position: [250, 0] };
	const sinks = options.outputs.map(({ name, path }, index) => ({
		...sinkNode(`${sinkUrl}${path}`, [500, index * 200 - 100]),
		name,
	}));

	return {
		...workflow,
		nodes: [trigger, node, ...sinks],
		connections: {
			[trigger.name]: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
			[node.name]: { main: sinks.map((sink) => [{ node: sink.name, type: 'main', index: 0 }]) },
		},
	};
}
