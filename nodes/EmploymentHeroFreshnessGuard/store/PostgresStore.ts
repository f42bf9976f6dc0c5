import { postgresErrorCode, UNDEFINED_TABLE, type QuotedTableName } from '../../shared/postgres';
import type { Micros } from '../timestamp';
import type { FreshnessStore } from './FreshnessStore';
import { createTableSql, readSql, recordSql } from './postgresSql';

/** The one thing the store needs from a connection pool; node-postgres' `Pool` fits. */
export interface Queryable {
	query<Row extends Record<string, unknown>>(
		text: string,
		values?: unknown[],
	): Promise<{ rows: Row[] }>;
}

/**
 * SQLSTATEs after which the statement had no effect and running it again is safe: a deadlock
 * (keys are taken in order, so not expected) and a serialization failure (possible when the
 * database defaults to SERIALIZABLE).
 */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

/**
 * Freshness in a Postgres table shared by every n8n process using the same database. The table
 * is created when a statement finds it missing, which also recovers from it being dropped.
 */
export class PostgresStore implements FreshnessStore {
	constructor(
		private readonly pool: Queryable,
		private readonly table: QuotedTableName,
	) {}

	async record(newest: Map<string, Micros>): Promise<Map<string, Micros | null>> {
		if (newest.size === 0) return new Map();

		const keys = [...newest.keys()];
		const timestamps = keys.map((key) => String(newest.get(key)));
		const { rows } = await this.query<{ entity_key: string; previous_us: string | null }>(
			recordSql(this.table),
			[keys, timestamps],
		);

		return new Map(rows.map((row) => [row.entity_key, toMicros(row.previous_us)]));
	}

	async read(keys: string[]): Promise<Map<string, Micros | null>> {
		if (keys.length === 0) return new Map();

		const { rows } = await this.query<{ entity_key: string; newest_us: string }>(
			readSql(this.table),
			[keys],
		);

		const known = new Map(rows.map((row) => [row.entity_key, toMicros(row.newest_us)]));
		return new Map(keys.map((key) => [key, known.get(key) ?? null]));
	}

	/** Creates the table; safe to run from several processes at once. */
	async createTable(): Promise<void> {
		await this.pool.query(createTableSql(this.table));
	}

	private async query<Row extends Record<string, unknown>>(
		text: string,
		values: unknown[],
	): Promise<{ rows: Row[] }> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.pool.query<Row>(text, values);
			} catch (error) {
				const code = postgresErrorCode(error);
				if (attempt >= MAX_ATTEMPTS) throw error;
				if (code === UNDEFINED_TABLE) await this.createTable();
				else if (code === undefined || !RETRYABLE.has(code)) throw error;
			}
		}
	}
}

/** node-postgres returns `bigint` columns as strings, which keeps them exact. */
function toMicros(value: string | null): Micros | null {
	return value === null ? null : BigInt(value);
}
