import { Client } from 'pg';

import type { PostgresAddress } from './localServices';

/** Database names this harness creates; only such names are ever dropped. */
const NAME = /^eh_queue_[a-z0-9_]+$/;

async function onServer<T>(server: PostgresAddress, work: (client: Client) => Promise<T>) {
	const client = new Client({ ...server, application_name: 'eh-e2e-queue-harness' });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

function checkedName(name: string): string {
	if (!NAME.test(name)) throw new Error(`Refusing to touch database "${name}": not one of ours.`);
	return `"${name}"`;
}

/** Creates an empty database for n8n's own tables; n8n migrates it on first use. */
export async function createDatabase(server: PostgresAddress, name: string): Promise<void> {
	const sql = `CREATE DATABASE ${checkedName(name)}`;
	await onServer(server, async (client) => await client.query(sql));
}

/**
 * Drops a database this harness created. `WITH (FORCE)` ends sessions still open in it, such as
 * those of an n8n that was killed rather than stopped; a database already gone is not an error.
 */
export async function dropDatabase(server: PostgresAddress, name: string): Promise<void> {
	const sql = `DROP DATABASE IF EXISTS ${checkedName(name)} WITH (FORCE)`;
	await onServer(server, async (client) => await client.query(sql));
}
