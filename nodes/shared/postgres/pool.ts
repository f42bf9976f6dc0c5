/**
 * Shared Postgres connection pools: one per distinct `postgres` credential (and limits) per n8n
 * process, reused by every node that names the same credential.
 *
 * | function | does |
 * |---|---|
 * | `getPool(credentials, user, limits?)` | The pool for this credential, created on first call. `user` names the caller (e.g. `trigger:<workflowId>:<nodeId>`) so that it can later let go. Throws `PostgresCredentialError` for a credential it cannot use. Never connects by itself. |
 * | `releasePool(user)` | Forgets `user` on every pool; a pool left with no users is closed (its idle connections at once, busy ones when their query ends). Never throws. |
 * | `closeAllPools()` | Closes every pool; for tests and shutdown. |
 *
 * Pools keep no idle connection for long (see `PoolLimits.idleTimeoutMs`), so a user that never
 * calls `releasePool` (a node with no deactivation hook) costs a small object, not a connection.
 * After `releasePool`, the next `getPool` for the same credential builds a fresh pool.
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { Pool } from 'pg';

import { toPoolConfig, type PoolLimits } from './config';

interface SharedPool {
	pool: Pool;
	users: Set<string>;
}

const pools = new Map<string, SharedPool>();

export function getPool(
	credentials: IDataObject,
	user: string,
	limits: Partial<PoolLimits> = {},
): Pool {
	const config = toPoolConfig(credentials, limits);
	// Hashed so that the password is not kept as a map key in plain text a second time.
	const key = createHash('sha256').update(JSON.stringify(config)).digest('hex');

	let shared = pools.get(key);
	if (!shared) {
		const pool = new Pool(config);
		// An idle connection that dies (server restart, terminated backend) is dropped by pg and
		// reported here; without a listener Node would crash n8n. The next query opens a new one.
		pool.on('error', () => undefined);
		shared = { pool, users: new Set() };
		pools.set(key, shared);
	}
	shared.users.add(user);
	return shared.pool;
}

export async function releasePool(user: string): Promise<void> {
	const closing: Pool[] = [];
	for (const [key, shared] of pools) {
		if (!shared.users.delete(user) || shared.users.size > 0) continue;
		pools.delete(key);
		closing.push(shared.pool);
	}
	await Promise.allSettled(closing.map(async (pool) => await pool.end()));
}

export async function closeAllPools(): Promise<void> {
	const closing = [...pools.values()].map((shared) => shared.pool);
	pools.clear();
	await Promise.allSettled(closing.map(async (pool) => await pool.end()));
}
