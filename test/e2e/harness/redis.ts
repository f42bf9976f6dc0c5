import { join } from 'path';

import type { RedisAddress } from './localServices';
import type { N8nRuntime } from './runtime';

/** The part of ioredis used here; the client is n8n's own copy, so no extra dependency. */
interface RedisClient {
	connect(): Promise<void>;
	on(event: 'error', listener: (error: Error) => void): void;
	ping(): Promise<string>;
	scan(
		cursor: string,
		match: 'MATCH',
		pattern: string,
		count: 'COUNT',
		n: number,
	): Promise<[string, string[]]>;
	del(...keys: string[]): Promise<number>;
	disconnect(): void;
}
type RedisConstructor = new (options: Record<string, unknown>) => RedisClient;

/** A connection that fails at once instead of retrying, for a harness that must not hang. */
async function connect(runtime: N8nRuntime, redis: RedisAddress): Promise<RedisClient> {
	// Resolved at run time from the installed n8n, so the repository needs no Redis client.
	const Redis = require(join(runtime.packageDir, '..', 'ioredis')) as RedisConstructor;
	const client = new Redis({
		...redis,
		lazyConnect: true,
		connectTimeout: 3_000,
		maxRetriesPerRequest: 1,
		retryStrategy: () => null,
	});
	// ioredis reports the cause (e.g. ECONNREFUSED) as an event and rejects with a vaguer error.
	let cause: Error | undefined;
	client.on('error', (error) => (cause ??= error));
	try {
		await client.connect();
	} catch (error) {
		client.disconnect();
		throw cause ?? error;
	}
	return client;
}

/** Fails with what to set when the machine's Redis cannot be reached. */
export async function assertRedis(runtime: N8nRuntime, redis: RedisAddress): Promise<void> {
	let client: RedisClient | undefined;
	try {
		client = await connect(runtime, redis);
		await client.ping();
	} catch (error) {
		throw new Error(
			`Queue mode needs Redis at ${redis.host}:${redis.port} (${(error as Error).message}). ` +
				'Start it, or set EH_E2E_REDIS_HOST, EH_E2E_REDIS_PORT and EH_E2E_REDIS_DB.',
		);
	} finally {
		client?.disconnect();
	}
}

/**
 * Deletes every key in `redis.db` that contains `token` (which names one deployment's prefixes)
 * and returns how many there were. SCAN rather than KEYS, so the shared server is never blocked.
 */
export async function deleteKeys(
	runtime: N8nRuntime,
	redis: RedisAddress,
	token: string,
): Promise<number> {
	if (!/^[A-Za-z0-9_-]{8,}$/.test(token)) throw new Error(`Refusing to delete keys by "${token}".`);
	const client = await connect(runtime, redis);
	let deleted = 0;
	try {
		let cursor = '0';
		do {
			const [next, keys] = await client.scan(cursor, 'MATCH', `*${token}*`, 'COUNT', 500);
			if (keys.length > 0) deleted += await client.del(...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		client.disconnect();
	}
	return deleted;
}
