/**
 * The shapes `n8n import:workflow` and `n8n import:credentials` read. Kept loose on purpose:
 * tests build unusual workflows, and n8n validates them anyway.
 */

export interface NodeJson {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	disabled?: boolean;
	/** For webhook nodes: the token in the production URL (`/webhook/<webhookId>/<path>`). */
	webhookId?: string;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface WorkflowJson {
	/**
	 * At most 36 characters (n8n's column size), but keep to 16 as n8n's own ids: n8n 1.x saves no
	 * static data (and no insights) for a workflow whose id is longer, without a word in the log.
	 */
	id: string;
	name: string;
	/** The harness activates (1.x) or publishes (2.x) workflows that say `true` here. */
	active: boolean;
	nodes: NodeJson[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
}

export interface CredentialJson {
	/** At most 36 characters (n8n's column size). */
	id: string;
	name: string;
	type: string;
	/** Plain values; `import:credentials` encrypts an object with the instance's key. */
	data: Record<string, unknown>;
}
