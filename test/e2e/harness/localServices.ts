/**
 * The machine's shared test services, on loopback: PostgreSQL (trust auth) and Redis. Tests only
 * add things of their own to them (a database, a schema, keys under a unique prefix) and remove
 * those again; the servers themselves are never reconfigured.
 */

export interface PostgresAddress {
	host: string;
	port: number;
	/** The database tests connect to; created databases are made from here. */
	database: string;
	user: string;
	password: string;
}

export interface RedisAddress {
	host: string;
	port: number;
	/** A database index of its own keeps `KEYS`-style listings short; keys carry a prefix anyway. */
	db: number;
}

export const localPostgres: PostgresAddress = {
	host: process.env.PGHOST ?? '127.0.0.1',
	port: Number(process.env.PGPORT ?? 5432),
	database: process.env.PGDATABASE ?? 'test',
	user: process.env.PGUSER ?? 'postgres',
	password: process.env.PGPASSWORD ?? '',
};

export const localRedis: RedisAddress = {
	host: process.env.EH_E2E_REDIS_HOST ?? '127.0.0.1',
	port: Number(process.env.EH_E2E_REDIS_PORT ?? 6379),
	db: Number(process.env.EH_E2E_REDIS_DB ?? 9),
};
