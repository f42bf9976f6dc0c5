import type { IDataObject } from 'n8n-workflow';
import type { PoolConfig } from 'pg';

/**
 * Limits that keep a webhook answer quick when Postgres is slow or gone. The statement timeout
 * (server side) is shorter than the query timeout (client side) so that a slow statement is
 * normally cancelled by the server, and the client timer only fires when the network is silent.
 */
export interface PoolLimits {
	/** Most connections one pool opens; n8n's credential default (100) is far above what we need. */
	maxConnections: number;
	/** Waiting for a connection, new or from the pool. */
	connectionTimeoutMs: number;
	/** Server-side `statement_timeout`. */
	statementTimeoutMs: number;
	/** Client-side wait for any answer to a query. */
	queryTimeoutMs: number;
	/** Idle connections are closed after this, so an unused pool holds none. */
	idleTimeoutMs: number;
	/** Shown in `pg_stat_activity.application_name`. */
	applicationName: string;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = {
	maxConnections: 10,
	connectionTimeoutMs: 3_000,
	statementTimeoutMs: 3_000,
	queryTimeoutMs: 5_000,
	idleTimeoutMs: 30_000,
	applicationName: 'n8n-nodes-employment-hero',
};

/** The `postgres` credential cannot be used as given; the message says what to change. */
export class PostgresCredentialError extends Error {}

/**
 * Maps n8n's own `postgres` credential to node-postgres options the way n8n's Postgres node does:
 * `allowUnauthorizedCerts` wins and turns on TLS without certificate checks; otherwise `ssl`
 * `allow` or `require` turns on verified TLS and `disable` (the default) leaves it off.
 * `maxConnections` only lowers the pool size below `limits.maxConnections`.
 * The SSH tunnel option is not supported and throws.
 */
export function toPoolConfig(
	credentials: IDataObject,
	limits: Partial<PoolLimits> = {},
): PoolConfig {
	const settings = { ...DEFAULT_POOL_LIMITS, ...limits };
	if (credentials.sshTunnel === true) {
		throw new PostgresCredentialError(
			'The Postgres credential uses an SSH tunnel, which this node does not support',
		);
	}

	const port = Number(credentials.port ?? 5432);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		throw new PostgresCredentialError(`The Postgres credential has an invalid port "${credentials.port}"`);
	}

	const ssl =
		credentials.allowUnauthorizedCerts === true
			? { rejectUnauthorized: false }
			: credentials.ssl === 'allow' || credentials.ssl === 'require';

	const credentialMax = Number(credentials.maxConnections);
	const max =
		Number.isInteger(credentialMax) && credentialMax > 0
			? Math.min(credentialMax, settings.maxConnections)
			: settings.maxConnections;

	return {
		host: stringOr(credentials.host, 'localhost'),
		port,
		database: stringOr(credentials.database, 'postgres'),
		user: stringOr(credentials.user, 'postgres'),
		password: typeof credentials.password === 'string' ? credentials.password : '',
		ssl,
		max,
		keepAlive: true,
		connectionTimeoutMillis: settings.connectionTimeoutMs,
		statement_timeout: settings.statementTimeoutMs,
		query_timeout: settings.queryTimeoutMs,
		idleTimeoutMillis: settings.idleTimeoutMs,
		application_name: settings.applicationName,
	};
}

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
}
