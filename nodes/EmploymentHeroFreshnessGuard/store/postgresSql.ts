import type { QuotedTableName } from '../../shared/postgres';

/** Default table for the Postgres store. */
export const DEFAULT_TABLE_NAME = 'employment_hero_freshness';

/**
 * Creates the table unless it exists, as one statement that is safe when several processes run
 * it at once: `CREATE TABLE IF NOT EXISTS` alone can still fail on the catalog's unique index
 * when two sessions race, so creators are serialised by a transaction-scoped advisory lock on
 * the table's name, held until the statement's own transaction ends.
 *
 * Columns: `newest_us`, the newest timestamp passed for the key, in epoch microseconds so that
 * sub-millisecond source timestamps compare exactly; `previous_us`, what `newest_us` held before
 * the latest check (the check returns it, since `RETURNING` only sees the new row);
 * `updated_at`, for operators.
 */
export function createTableSql(table: QuotedTableName): string {
	// table.text holds only letters, digits, underscores and a dot, so it is a safe literal.
	return `DO $create$
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('n8n-nodes-employment-hero:${table.text}'));
	CREATE TABLE IF NOT EXISTS ${table.sql} (
		entity_key text PRIMARY KEY,
		newest_us bigint NOT NULL,
		previous_us bigint,
		updated_at timestamptz NOT NULL DEFAULT now()
	);
END
$create$`;
}

/**
 * The check-and-record of a whole run, as one statement. `$1` keys (text[], no duplicates), `$2`
 * each key's newest timestamp in the run (bigint[]). Each row is raised to the larger of the two
 * timestamps and returns what it held before, null for a new row.
 *
 * `ON CONFLICT DO UPDATE` locks the row and works on its latest committed version, so concurrent
 * checks of one key run one after the other and each returns the previous one's result. Rows are
 * taken in key order, so two runs sharing several keys lock them in the same order and cannot
 * deadlock.
 */
export function recordSql(table: QuotedTableName): string {
	return `INSERT INTO ${table.sql} AS stored (entity_key, newest_us)
SELECT run.key, run.newest_us
FROM unnest($1::text[], $2::bigint[]) AS run(key, newest_us)
ORDER BY run.key
ON CONFLICT (entity_key) DO UPDATE
SET previous_us = stored.newest_us,
	newest_us = GREATEST(stored.newest_us, EXCLUDED.newest_us),
	updated_at = now()
RETURNING entity_key, previous_us`;
}

/** What `recordSql` would compare against, changing nothing. `$1` keys (text[]). */
export function readSql(table: QuotedTableName): string {
	return `SELECT entity_key, newest_us FROM ${table.sql} WHERE entity_key = ANY($1::text[])`;
}
