import type { Logger } from 'n8n-workflow';
import type { Pool, PoolClient } from 'pg';

import {
	describePostgresError as describe,
	DUPLICATE_TABLE,
	postgresErrorCode as errorCode,
	UNDEFINED_COLUMN,
	UNDEFINED_TABLE,
	UNIQUE_VIOLATION,
	type QuotedTableName,
} from '../../shared/postgres';
import {
	StoreUnavailableError,
	type ClaimResult,
	type DedupeStore,
	type DeliveryRecord,
	type RunOutcome,
} from './DedupeStore';
import { PendingReleases, type ReleaseLog } from './pendingReleases';
import { claimSql, createTableSql, leaseHeldSql, purgeSql, settleSql } from './postgresSql';
import { toPostgresJson, toPostgresText } from './postgresText';

export const DEFAULT_RETENTION_DAYS = 30;
export const DEFAULT_TABLE_NAME = 'employment_hero_webhook_events';

/** Old rows are looked for at most this often per pool, table and connection. */
export const PURGE_INTERVAL_MS = 3_600_000;
const PURGE_BATCH = 5_000;

const INT4_MAX = 2_147_483_647;

export interface PostgresStoreOptions {
	table: QuotedTableName;
	/** Rows older than this many days are purged; 0 keeps them forever. */
	retentionDays?: number;
	/**
	 * A claim whose run has not been settled within this many seconds may be taken over by a
	 * redelivery; 0 (the default) never expires a claim.
	 */
	leaseSeconds?: number;
	/**
	 * A live pool for the same credential, for settlements that outlive this store's pool: n8n
	 * lets go of the trigger's pool when the workflow is saved or deactivated, runs may still end
	 * after that, and owed releases are retried for minutes.
	 */
	reconnect?: () => Pool;
	logger?: Pick<Logger, 'debug' | 'warn'>;
	now?: () => number;
}

/** When each (table, connection) was last purged, per pool: purges are throttled per process. */
const lastPurge = new WeakMap<Pool, Map<string, number>>();

/** Table creations under way, per pool, so that a burst of first claims creates the table once. */
const creating = new WeakMap<Pool, Map<string, Promise<void>>>();

/**
 * Settlements that could not be written yet, for this whole process: they must survive the pool
 * they were first tried on, which n8n closes when the workflow is saved or deactivated.
 */
const owed = new PendingReleases();

/**
 * Dedupe and delivery ledger in a Postgres table, exact across n8n processes and restarts. A claim
 * is a single `INSERT ... ON CONFLICT ... DO UPDATE ... WHERE`, so the primary key decides between
 * concurrent copies, nothing is read first, and a failed delivery can be claimed again. The table
 * is created (or upgraded) when an insert finds it or a column missing. Every database failure
 * becomes `StoreUnavailableError`.
 *
 * A claim whose outcome is unknown (the connection dropped after the INSERT was sent) may have
 * committed while the sender is told 503; its release is owed (see `PendingReleases`) so that
 * the sender's retry runs the delivery instead of finding a duplicate.
 */
export class PostgresStore implements DedupeStore {
	private readonly table: QuotedTableName;
	private readonly retentionDays: number;
	private readonly leaseSeconds: number;
	private readonly now: () => number;

	constructor(
		private pool: Pool,
		private readonly options: PostgresStoreOptions,
	) {
		this.table = options.table;
		// The parameter may come from an expression; anything but a non-negative number is ignored.
		const days = Number(options.retentionDays ?? DEFAULT_RETENTION_DAYS);
		this.retentionDays = Number.isFinite(days) && days >= 0 ? days : DEFAULT_RETENTION_DAYS;
		const lease = Number(options.leaseSeconds ?? 0);
		this.leaseSeconds = Number.isFinite(lease) && lease > 0 ? lease : 0;
		this.now = options.now ?? Date.now;
	}

	async claim(
		delivery: DeliveryRecord,
		options: { tellRunning?: boolean } = {},
	): Promise<ClaimResult> {
		const key = this.keyOf(delivery);
		await owed.settleBefore(key).catch((error) => {
			throw unavailable('release of an earlier claim', error);
		});

		const values = [
			toPostgresText(delivery.connectionId),
			toPostgresText(delivery.eventId),
			toPostgresText(delivery.eventType),
			delivery.entityCount,
			toInt4(delivery.attempt),
			delivery.receivedAt,
			toPostgresJson(delivery.payload),
			delivery.claimToken,
			this.leaseSeconds,
		];

		let inserted: number;
		try {
			inserted = await this.insert(values);
		} catch (error) {
			const code = errorCode(error);
			if (code !== UNDEFINED_TABLE && code !== UNDEFINED_COLUMN) throw this.claimFailed(delivery, error);
			await this.createTableShared();
			inserted = await this.insert(values).catch((retryError) => {
				throw this.claimFailed(delivery, retryError);
			});
		}

		this.schedulePurge(delivery.connectionId);
		if (inserted === 1) return 'claimed';
		return options.tellRunning && (await this.leaseHeld(delivery)) ? 'running' : 'duplicate';
	}

	/**
	 * Only with a lease can a duplicate be told from a copy of a run still going, so only then, and
	 * only when asked, is the row read again (a second round trip, on duplicates alone). If it
	 * cannot be read the store is unavailable: a `duplicate` would tell a waiting sender to stop
	 * for good.
	 */
	private async leaseHeld(delivery: DeliveryRecord): Promise<boolean> {
		if (this.leaseSeconds === 0) return false;
		try {
			const result = await this.pool.query(leaseHeldSql(this.table), [
				toPostgresText(delivery.connectionId),
				toPostgresText(delivery.eventId),
			]);
			return (result.rowCount ?? 0) > 0;
		} catch (error) {
			throw unavailable('lease check', error);
		}
	}

	/**
	 * Marks the claim's row `processed` or `failed`. Never throws: a settlement the database cannot
	 * take now is retried in the background and before any new claim of the delivery here.
	 */
	async settle(delivery: DeliveryRecord, outcome: RunOutcome): Promise<void> {
		const write = async () => await this.writeSettlement(delivery, outcome);
		try {
			await write();
		} catch (error) {
			this.options.logger?.warn('Employment Hero ledger update failed; will retry', {
				table: this.table.text,
				eventId: delivery.eventId,
				error: describe(error),
			});
			owed.add(this.keyOf(delivery), write, this.releaseLog());
		}
	}

	private async writeSettlement(delivery: DeliveryRecord, outcome: RunOutcome): Promise<void> {
		await this.livePool().query(settleSql(this.table), [
			toPostgresText(delivery.connectionId),
			toPostgresText(delivery.eventId),
			delivery.claimToken,
			outcome.succeeded ? 'processed' : 'failed',
			outcome.succeeded ? null : toPostgresText(outcome.reason),
		]);
	}

	/** The 503 for a failed claim, after owing a release if the INSERT may have committed. */
	private claimFailed(delivery: DeliveryRecord, error: unknown): StoreUnavailableError {
		if (mayHaveCommitted(error)) {
			const reason = 'claim answer lost: the connection failed while the claim was sent';
			const release = async () => {
				await this.writeSettlement(delivery, { succeeded: false, reason });
			};
			owed.add(this.keyOf(delivery), release, this.releaseLog());
		}
		return unavailable('claim', error);
	}

	private keyOf(delivery: DeliveryRecord): string {
		return [this.table.text, delivery.connectionId, delivery.eventId].join('\u0000');
	}

	/** This store's pool, or a fresh one for the same credential once n8n has closed it. */
	private livePool(): Pool {
		if (this.pool.ended && this.options.reconnect) this.pool = this.options.reconnect();
		return this.pool;
	}

	private releaseLog(): ReleaseLog {
		const logger = this.options.logger;
		return {
			released: () => logger?.debug('Employment Hero ledger update written after a retry'),
			gaveUp: (_key, error) =>
				logger?.warn('Employment Hero ledger update abandoned after retrying', {
					error: describe(error),
				}),
		};
	}

	/**
	 * Creates the table and its index. Creators in other processes are serialised by an advisory
	 * lock, because `CREATE TABLE IF NOT EXISTS` alone can still fail on the catalog's unique
	 * index when two run at once; a creator that does not take the lock is caught by retrying
	 * once on that error.
	 */
	async createTable(): Promise<void> {
		try {
			await this.createTableOnce();
		} catch (error) {
			const code = errorCode(error);
			if (code !== UNIQUE_VIOLATION && code !== DUPLICATE_TABLE) {
				throw unavailable('create table', error);
			}
			await this.createTableOnce().catch((retryError) => {
				throw unavailable('create table', retryError);
			});
		}
		this.options.logger?.debug('Employment Hero dedupe table ready', { table: this.table.text });
	}

	private async createTableShared(): Promise<void> {
		const underway = mapFor(creating, this.pool);
		let creation = underway.get(this.table.text);
		if (!creation) {
			creation = this.createTable().finally(() => underway.delete(this.table.text));
			underway.set(this.table.text, creation);
		}
		await creation;
	}

	/** Deletes this connection's rows older than the retention; returns how many went. */
	async purgeExpired(connectionId: string): Promise<number> {
		if (this.retentionDays <= 0) return 0;

		const cutoff = new Date(this.now() - this.retentionDays * 86_400_000);
		let deleted = 0;
		for (;;) {
			const result = await this.pool.query(purgeSql(this.table), [
				connectionId,
				cutoff,
				PURGE_BATCH,
			]);
			deleted += result.rowCount ?? 0;
			if ((result.rowCount ?? 0) < PURGE_BATCH) return deleted;
		}
	}

	private async insert(values: unknown[]): Promise<number> {
		const result = await this.pool.query(claimSql(this.table), values);
		return result.rowCount ?? 0;
	}

	private async createTableOnce(): Promise<void> {
		const client = await this.pool.connect();
		let failure: unknown;
		try {
			await client.query('BEGIN');
			await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
				`n8n-nodes-employment-hero:${this.table.text}`,
			]);
			for (const statement of createTableSql(this.table)) await client.query(statement);
			await client.query('COMMIT');
		} catch (error) {
			failure = error;
			await rollback(client);
			throw error;
		} finally {
			// A connection that failed mid-transaction is discarded rather than reused.
			client.release(failure instanceof Error ? failure : undefined);
		}
	}

	/** Starts a purge in the background at most once per `PURGE_INTERVAL_MS`; never awaited. */
	private schedulePurge(connectionId: string): void {
		if (this.retentionDays <= 0) return;

		const purged = mapFor(lastPurge, this.pool);
		const key = `${this.table.text}\u0000${connectionId}`;
		const last = purged.get(key);
		const now = this.now();
		if (last !== undefined && now - last < PURGE_INTERVAL_MS) return;
		purged.set(key, now);

		void this.purgeExpired(connectionId).then(
			(deleted) => {
				if (deleted > 0) {
					this.options.logger?.debug('Employment Hero dedupe rows purged', {
						table: this.table.text,
						deleted,
					});
				}
			},
			(error: Error) => {
				this.options.logger?.warn('Employment Hero dedupe purge failed; will try again later', {
					table: this.table.text,
					error: describe(error),
				});
			},
		);
	}
}

function mapFor<T>(maps: WeakMap<Pool, Map<string, T>>, pool: Pool): Map<string, T> {
	let map = maps.get(pool);
	if (!map) {
		map = new Map();
		maps.set(pool, map);
	}
	return map;
}

async function rollback(client: PoolClient): Promise<void> {
	try {
		await client.query('ROLLBACK');
	} catch {
		// The connection is already broken; it is discarded on release, which ends the transaction.
	}
}

/** Failures to connect never sent the INSERT; anything else short of a server error may have. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function mayHaveCommitted(error: unknown): boolean {
	// pg's DatabaseError carries the server's severity: the statement failed, nothing committed.
	if ((error as { severity?: unknown } | null)?.severity !== undefined) return false;
	const code = errorCode(error);
	if (code !== undefined && NOT_SENT.has(code)) return false;
	const message = String((error as { message?: unknown } | null)?.message ?? '');
	return !/timeout exceeded when trying to connect/i.test(message);
}

/** For tests: forget every owed settlement, as a restart would. */
export function forgetOwedSettlements(): void {
	owed.clear();
}

function unavailable(step: string, error: unknown): StoreUnavailableError {
	return new StoreUnavailableError(`Postgres ${step} failed: ${describe(error)}`);
}

function toInt4(value: number | null): number | null {
	return value !== null && Number.isInteger(value) && Math.abs(value) <= INT4_MAX ? value : null;
}
