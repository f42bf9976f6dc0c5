import type { PostgresAddress, RedisAddress } from './localServices';

/** The three kinds of n8n process in queue mode, named after the command each runs. */
export type QueueRole = 'start' | 'webhook' | 'worker';

export interface QueueSettings {
	/** n8n's own database (not the one our nodes' tables go in). */
	postgres: PostgresAddress;
	database: string;
	redis: RedisAddress;
	/**
	 * Prefix of every Redis name this deployment uses: Bull's queue keys (`QUEUE_BULL_PREFIX`) and
	 * n8n's cache keys and, in 2.x, pub/sub channels (`N8N_REDIS_KEY_PREFIX`). Channels are not
	 * scoped by database index; 1.x names them `n8n.commands` and `n8n.worker-response` whatever
	 * the prefix, so two 1.x deployments on one Redis do hear each other's commands.
	 */
	prefix: string;
}

/**
 * What one process needs on top of the harness's usual environment to join a queue-mode
 * deployment. Every process gets the same database, Redis and prefixes (and, from `n8nEnv`, the
 * same encryption key, without which workers could not decrypt the credentials the main saved).
 * The variable names are the same in both pinned versions.
 *
 * - `start` (the main) keeps the editor and activates workflows, which records their production
 *   webhooks in the database; it serves none itself, so every delivery goes to a webhook process.
 * - `webhook` processes look webhooks up in the database, run the trigger's `webhook()` (our
 *   signature check and dedupe claim) and put the execution on the Bull queue.
 * - `worker`s run the queued executions; their health server, on `healthPort`, tells when one is
 *   ready.
 */
export function queueEnv(
	role: QueueRole,
	settings: QueueSettings,
	healthPort: number,
): Record<string, string> {
	const { postgres, redis } = settings;
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: settings.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,

		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_DB: String(redis.db),
		QUEUE_BULL_PREFIX: settings.prefix,
		N8N_REDIS_KEY_PREFIX: settings.prefix,

		...(role === 'start' ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {}),
		...(role === 'worker'
			? {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}
			: {}),
	};
}
