import { randomBytes } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { Client } from 'pg';

import { closeAllPools, type PoolLimits } from '../../../nodes/shared/postgres';

/**
 * The machine's test Postgres (trust auth), overridable with the usual PG* variables. Every suite
 * works in a schema of its own, created before and dropped after, and tags its connections with
 * an application name of its own so that it only ever terminates those.
 */
export const credentials: IDataObject = {
	host: process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.PGPORT ?? 5432),
	database: process.env.PGDATABASE ?? 'test',
	user: process.env.PGUSER ?? 'postgres',
	password: process.env.PGPASSWORD ?? '',
	ssl: 'disable',
};

export interface TestDatabase {
	schema: string;
	/** Short limits so that outage tests answer quickly; tagged with this suite's name. */
	limits: Partial<PoolLimits>;
	/** Connects and creates the schema; everything below needs it done. */
	create: () => Promise<void>;
	/** A fresh, not yet existing table in the suite's schema, as `schema.table`. */
	newTableName: () => string;
	/** A separate connection, e.g. to hold a transaction open; the caller ends it. */
	openClient: () => Promise<Client>;
	query: <T extends IDataObject = IDataObject>(sql: string, values?: unknown[]) => Promise<T[]>;
	/** Terminates this suite's pooled connections (never anyone else's). */
	terminateOwnConnections: () => Promise<number>;
	/** Drops the schema and disconnects; does nothing when `create` never connected. */
	drop: () => Promise<void>;
}

/**
 * The suite's database, set up before its tests and dropped after them, once the shared pools the
 * nodes opened are closed. Returns at once; use it inside tests and hooks.
 */
export function useTestDatabase(): TestDatabase {
	const db = testDatabase();

	beforeAll(async () => await db.create());

	afterAll(async () => {
		await closeAllPools();
		await db.drop();
	});

	return db;
}

/** A suite's database whose setup and teardown the suite schedules itself. */
export function testDatabase(): TestDatabase {
	const id = randomBytes(4).toString('hex');
	const schema = `eh_it_${id}`;
	const applicationName = `eh-integration-${id}`;
	let admin: Client | undefined;
	let tables = 0;

	const connected = (): Client => {
		if (!admin) throw new Error('The test database is used before its create() finished.');
		return admin;
	};

	return {
		schema,
		limits: {
			applicationName,
			maxConnections: 5,
			connectionTimeoutMs: 1_000,
			statementTimeoutMs: 500,
			queryTimeoutMs: 1_500,
		},
		create: async () => {
			admin = await openClient(`${applicationName}-admin`);
			await admin.query(`CREATE SCHEMA "${schema}"`);
		},
		newTableName: () => `${schema}.events_${++tables}`,
		openClient: async () => await openClient(`${applicationName}-side`),
		query: async (sql, values) => (await connected().query(sql, values)).rows,
		terminateOwnConnections: async () => {
			const result = await connected().query(
				`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE application_name = $1 AND pid <> pg_backend_pid()`,
				[applicationName],
			);
			return result.rowCount ?? 0;
		},
		drop: async () => {
			if (!admin) return;
			await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
			await admin.end();
		},
	};
}

async function openClient(applicationName: string): Promise<Client> {
	const { host, port, database, user, password } = credentials as Record<string, string>;
	const client = new Client({
		host,
		port: Number(port),
		database,
		user,
		password,
		application_name: applicationName,
	});
	await client.connect();
	return client;
}
