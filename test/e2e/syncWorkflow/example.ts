import { readFileSync } from 'fs';
import { join } from 'path';

import type { CredentialJson, NodeJson, WorkflowJson } from '../harness';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** The example users import; the test imports this very file. */
export const SYNC_EXAMPLE_FILE = join(EXAMPLES, 'sync-workflow.json');

export const EXAMPLES_README = join(EXAMPLES, 'README.md');

/** The tables the example names without a schema, as they would sit in a user's database. */
const EXAMPLE_TABLE = /(?<![\w."])employment_hero_(?:employees|webhook_events|freshness)\b/g;

const STICKY_NOTE_TYPE = 'n8n-nodes-base.stickyNote';

export function readSyncExample(): WorkflowJson {
	return JSON.parse(readFileSync(SYNC_EXAMPLE_FILE, 'utf8')) as WorkflowJson;
}

/**
 * The one ```sql block of the example's sticky notes: the CREATE TABLE users are told to run.
 * The test runs this text, so the documented statement is the tested one.
 */
export function documentedDdl(example: WorkflowJson): string {
	const blocks = example.nodes
		.filter((node) => node.type === STICKY_NOTE_TYPE)
		.flatMap((node) => [...String(node.parameters.content).matchAll(/```sql\n([\s\S]*?)```/g)])
		.map((match) => match[1].trim());
	if (blocks.length !== 1) {
		throw new Error(`Expected one sql block in the example's sticky notes, not ${blocks.length}.`);
	}
	return blocks[0];
}

/** Puts every table the example names into `schema`. */
export function inSchema(text: string, schema: string): string {
	return text.replace(EXAMPLE_TABLE, (table) => `${schema}.${table}`);
}

export interface SubstitutionOptions {
	/** The test's own Postgres schema; it must exist before the workflow runs. */
	schema: string;
	/** The credentials imported with it, named as the example names its credentials. */
	credentials: CredentialJson[];
}

/**
 * The example as the test imports it, with only these changes:
 * - every table name in a node parameter is prefixed with the test's schema, so that nothing
 *   lands in the shared database's `public` schema;
 * - `active: true`, so that the harness activates (1.x) or publishes (2.x) it.
 *
 * Credential references stay as they are: their ids exist in no n8n, and n8n's import swaps such
 * a reference for the one credential of that type and name, as it does for a user. The mock's
 * base URL is in the Payroll credential, not in the workflow.
 *
 * Throws when the example names a credential the test does not have, or when a node using
 * Postgres names no table the pattern moved.
 */
export function forTest(example: WorkflowJson, options: SubstitutionOptions): WorkflowJson {
	const nodes = example.nodes.map((node): NodeJson => {
		if (node.type === STICKY_NOTE_TYPE) return node;
		return {
			...node,
			parameters: mapStrings(node.parameters, (text) => inSchema(text, options.schema)),
		};
	});

	const missing = nodes.flatMap((node) =>
		Object.entries(node.credentials ?? {})
			.filter(
				([type, { name }]) =>
					!options.credentials.some((own) => own.type === type && own.name === name),
			)
			.map(([type, { name }]) => `${type} "${name}" (${node.name})`),
	);
	if (missing.length > 0) {
		throw new Error(`The test has no credential for ${missing.join(', ')}.`);
	}

	// A table the pattern missed would be written in the shared database's public schema.
	const unmoved = nodes.filter(
		(node) =>
			node.credentials?.postgres !== undefined &&
			!JSON.stringify(node.parameters).includes(`${options.schema}.employment_hero_`),
	);
	if (unmoved.length > 0) {
		const names = unmoved.map((node) => node.name).join(', ');
		throw new Error(`No table moved into the test schema in ${names}.`);
	}
	return { ...example, active: true, nodes };
}

/** A copy of `value` with `map` applied to every string in it, however deeply nested. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
	if (typeof value === 'string') return map(value) as T;
	if (Array.isArray(value)) return value.map((entry: unknown) => mapStrings(entry, map)) as T;
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([key, entry]) => [key, mapStrings(entry, map)]),
		) as T;
	}
	return value;
}
