import type { QuotedTableName } from '../../shared/postgres';

/**
 * One row per accepted delivery. `status` is free text so that later states (`processed`,
 * `failed`) need no schema change; the primary key is what makes a claim exactly-once.
 */
export function createTableSql(table: QuotedTableName): string[] {
	return [
		`CREATE TABLE IF NOT EXISTS ${table.sql} (
	connection_id text NOT NULL,
	event_id text NOT NULL,
	event_type text,
	entity_count integer NOT NULL,
	attempt integer,
	status text NOT NULL DEFAULT 'received',
	received_at timestamptz NOT NULL,
	payload jsonb NOT NULL,
	PRIMARY KEY (connection_id, event_id)
)`,
		`CREATE INDEX IF NOT EXISTS ${table.indexName('received_idx')}
	ON ${table.sql} (connection_id, received_at)`,
	];
}

/** `$1` connection, `$2` event id, `$3` type, `$4` entities, `$5` attempt, `$6` time, `$7` JSON. */
export function claimSql(table: QuotedTableName): string {
	return `INSERT INTO ${table.sql}
	(connection_id, event_id, event_type, entity_count, attempt, status, received_at, payload)
VALUES ($1, $2, $3, $4, $5, 'received', $6, $7)
ON CONFLICT (connection_id, event_id) DO NOTHING
RETURNING 1`;
}

/**
 * Deletes at most `$3` rows of connection `$1` received before `$2`; batched so that a large
 * backlog never holds one long statement past the statement timeout.
 */
export function purgeSql(table: QuotedTableName): string {
	return `DELETE FROM ${table.sql} WHERE ctid = ANY(ARRAY(
	SELECT ctid FROM ${table.sql} WHERE connection_id = $1 AND received_at < $2 LIMIT $3
))`;
}
