import { randomUUID } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

import { TRIGGER_NODE_TYPE, type NodeJson, type WorkflowJson } from '../harness';
import { hasCommand, n8nRuntime } from '../harness/runtime';

/** The example users import; the tests import this very file. */
export const ALERT_WORKFLOW_FILE = join(
	__dirname,
	'..',
	'..',
	'..',
	'examples',
	'alert-workflow.json',
);

/** What the file must hold for the substitutions below to mean anything. */
const LOOKUP_NODE_TYPE = 'n8n-nodes-base.n8n';
const SEND_NODE_NAME = 'Send Alert';

export interface AlertWorkflowOptions {
	version: string;
	/** Where Send Alert posts, e.g. a sink's URL. */
	alertUrl: string;
	/** Import a copy under another id (at most 16 characters) instead of the file's own id. */
	id?: string;
	/** Id of the `n8nApi` credential to use instead of the one the file names. */
	n8nApiCredentialId?: string;
}

/**
 * examples/alert-workflow.json, ready for the harness, with only these substitutions:
 * - Send Alert's URL becomes `alertUrl` (the file's placeholder cannot resolve);
 * - optionally the id (and, to tell copies apart, the name) and the n8n API credential;
 * - `active` is set where n8n needs it: 2.x runs only a published error workflow, while 1.x runs
 *   one that is not active and cannot activate one whose only trigger is an Error Trigger.
 * Everything else, the Code node included, is imported as users import it.
 */
export function alertWorkflow(options: AlertWorkflowOptions): WorkflowJson {
	const file = JSON.parse(readFileSync(ALERT_WORKFLOW_FILE, 'utf8')) as WorkflowJson;
	const lookup = onlyNode(file, (node) => node.type === LOOKUP_NODE_TYPE);
	const send = onlyNode(file, (node) => node.name === SEND_NODE_NAME);
	const id = options.id ?? file.id;
	const credentialId = options.n8nApiCredentialId;

	const nodes = file.nodes.map((node): NodeJson => {
		if (node === send) {
			return { ...node, parameters: { ...node.parameters, url: options.alertUrl } };
		}
		if (node === lookup && credentialId !== undefined) {
			return { ...node, credentials: { n8nApi: { id: credentialId, name: credentialId } } };
		}
		return node;
	});
	return {
		...file,
		id,
		name: id === file.id ? file.name : `${file.name} (${id})`,
		active: errorWorkflowMustBePublished(options.version),
		nodes,
	};
}

/** The id of the `n8nApi` credential the file names, which a test imports under that id. */
export function alertWorkflowCredentialId(): string {
	const file = JSON.parse(readFileSync(ALERT_WORKFLOW_FILE, 'utf8')) as WorkflowJson;
	const lookup = onlyNode(file, (node) => node.type === LOOKUP_NODE_TYPE);
	const credential = lookup.credentials?.n8nApi;
	if (!credential) {
		throw new Error(`${ALERT_WORKFLOW_FILE}: the n8n node names no n8nApi credential.`);
	}
	return credential.id;
}

/**
 * Whether n8n runs an error workflow only once it is published: true on versions that publish
 * (2.x, whose `loadErrorWorkflowData` refuses an unpublished one), false on 1.x.
 */
export function errorWorkflowMustBePublished(version: string): boolean {
	return hasCommand(n8nRuntime(version), 'publish/workflow');
}

function onlyNode(workflow: WorkflowJson, match: (node: NodeJson) => boolean): NodeJson {
	const found = workflow.nodes.filter(match);
	if (found.length !== 1) {
		throw new Error(`${ALERT_WORKFLOW_FILE}: expected one such node, found ${found.length}.`);
	}
	return found[0];
}

export interface FailingWorkflowOptions {
	/** At most 16 characters, as n8n's own ids. */
	id: string;
	webhookId: string;
	/** Id of the `employmentHeroWebhookApi` credential. */
	credentialId: string;
	/** The alert workflow's id, set as this workflow's Error Workflow. */
	errorWorkflowId: string;
	failingNodeName: string;
	errorMessage: string;
}

/**
 * Employment Hero Trigger -> a Stop and Error node that always fails, with the alert workflow as
 * its Error Workflow: the trigger answers the sender, then the run fails downstream.
 */
export function failingWorkflow(options: FailingWorkflowOptions): WorkflowJson {
	const trigger: NodeJson = {
		id: randomUUID(),
		name: 'Employment Hero Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: options.webhookId,
		parameters: {},
		credentials: {
			employmentHeroWebhookApi: { id: options.credentialId, name: options.credentialId },
		},
	};
	const failing: NodeJson = {
		id: randomUUID(),
		name: options.failingNodeName,
		type: 'n8n-nodes-base.stopAndError',
		typeVersion: 1,
		position: [250, 0],
		parameters: { errorMessage: options.errorMessage },
	};
	return {
		id: options.id,
		name: options.id,
		active: true,
		nodes: [trigger, failing],
		connections: {
			[trigger.name]: { main: [[{ node: failing.name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', errorWorkflow: options.errorWorkflowId },
	};
}
