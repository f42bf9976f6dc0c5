import type { QuotedTableName } from '../shared/postgres';

/** Rows as the node outputs them. */
export const ROW_COLUMNS = `connection_id AS "connectionId", event_id AS "eventId",
	event_type AS "eventType", entity_count AS "entityCount", attempt, status, claims,
	received_at AS "receivedAt", finished_at AS "finishedAt", lease_until AS "leaseUntil", error,
	payload`;

/**
 * `$1` event ids, `$2` connection (webhook id) or null for any. Only claims still `received` are
 * marked: a row that failed and was claimed again is a newer run's to settle.
 */
export function markProcessedSql(table: QuotedTableName): string {
	return `UPDATE ${table.sql}
SET status = 'processed', finished_at = now(), lease_until = NULL, error = NULL
WHERE event_id = ANY($1::text[]) AND ($2::text IS NULL OR connection_id = $2)
	AND status = 'received'`;
}

/**
 * `$1` event id, `$2` connection or null, `$3` error, `$4` time the failed run started, or null.
 * A claim taken after that time belongs to a newer run (a redelivery already under way) and is
 * left alone; so is a processed row.
 */
export function markFailedSql(table: QuotedTableName): string {
	return `UPDATE ${table.sql}
SET status = 'failed', finished_at = now(), lease_until = NULL, error = $3
WHERE event_id = $1 AND ($2::text IS NULL OR connection_id = $2)
	AND status IN ('received', 'failed')
	AND ($4::timestamptz IS NULL OR received_at <= $4)
RETURNING ${ROW_COLUMNS}`;
}

/**
 * `$1` which rows: `failed`, `unfinished` or `both`; `$2` connection or null; `$3` limit. A row
 * is unfinished when its claim promised an outcome (it holds a lease) and the lease ran out
 * without one: a run that died, or one whose success was never marked. Claims without a lease
 * (the default, and every row of the first release) are never listed, since nothing was going to
 * mark them. Oldest first, so a replay works through them in order.
 */
export function listSql(table: QuotedTableName): string {
	return `SELECT ${ROW_COLUMNS} FROM ${table.sql}
WHERE ($2::text IS NULL OR connection_id = $2)
	AND (
		($1 IN ('failed', 'both') AND status = 'failed')
		OR ($1 IN ('unfinished', 'both') AND status = 'received'
			AND lease_until IS NOT NULL AND lease_until < now())
	)
ORDER BY received_at
LIMIT $3`;
}
