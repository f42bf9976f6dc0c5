import { randomBytes } from 'crypto';
import { Client, type QueryResult } from 'pg';

import { localPostgres, type CredentialJson } from './harness';

/**
 * A schema of the test file's own on the machine's Postgres, for the tables our nodes create
 * there. Its name is known at once, so workflows can name tables in it before it exists.
 */
export interface TestSchema {
	name: string;
	/** Connects and creates the schema. */
	create: () => Promise<void>;
	query: (sql: string, values?: unknown[]) => Promise<QueryResult>;
	/** Drops the schema and disconnects; does nothing when `create` never connected. */
	drop: () => Promise<void>;
}

/** A schema named `<prefix>_<random hex>`, whose connection is tagged with that name. */
export function testSchema(prefix: string): TestSchema {
	const name = `${prefix}_${randomBytes(4).toString('hex')}`;
	let admin: Client | undefined;

	return {
		name,
		create: async () => {
			admin = new Client({ ...localPostgres, application_name: `eh-e2e-${name}` });
			await admin.connect();
			await admin.query(`CREATE SCHEMA "${name}"`);
		},
		query: async (sql, values) => {
			if (!admin) throw new Error(`Schema ${name} is used before its create() finished.`);
			return await admin.query(sql, values);
		},
		drop: async () => {
			await admin?.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
			await admin?.end();
		},
	};
}

/** n8n's `postgres` credential for the machine's Postgres, reached directly or at `port`. */
export function postgresCredential(
	id: string,
	options: { maxConnections: number; port?: number },
): CredentialJson {
	return {
		id,
		name: id,
		type: 'postgres',
		data: {
			...localPostgres,
			port: options.port ?? localPostgres.port,
			ssl: 'disable',
			allowUnauthorizedCerts: false,
			maxConnections: options.maxConnections,
		},
	};
}
