import type { QuotedTableName } from '../../shared/postgres';

/**
 * One row per accepted delivery; the primary key is what makes a claim exactly-once. `status` is
 * the delivery's ledger state: `received` (claimed, its run not known to have finished),
 * `processed` or `failed`. A `failed` row, or a `received` one whose lease has run out, may be
 * claimed again by a redelivery. Columns added after the first release are added with
 * `ADD COLUMN IF NOT EXISTS`, so tables created by earlier versions are upgraded in place.
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
		`ALTER TABLE ${table.sql}
	ADD COLUMN IF NOT EXISTS claim_token text,
	ADD COLUMN IF NOT EXISTS claims integer NOT NULL DEFAULT 1,
	ADD COLUMN IF NOT EXISTS lease_until timestamptz,
	ADD COLUMN IF NOT EXISTS finished_at timestamptz,
	ADD COLUMN IF NOT EXISTS error text`,
		`CREATE INDEX IF NOT EXISTS ${table.indexName('received_idx')}
	ON ${table.sql} (connection_id, received_at)`,
		`CREATE INDEX IF NOT EXISTS ${table.indexName('status_idx')}
	ON ${table.sql} (status, received_at) WHERE status <> 'processed'`,
	];
}

/**
 * `$1` connection, `$2` event id, `$3` type, `$4` entities, `$5` attempt, `$6` time, `$7` JSON,
 * `$8` claim token, `$9` lease in seconds (0: none). One statement, so that the row lock decides
 * between concurrent copies: a new id inserts, a failed or lease-expired row is taken over, and
 * anything else returns no row (a duplicate).
 */
export function claimSql(table: QuotedTableName): string {
	return `INSERT INTO ${table.sql} AS ledger
	(connection_id, event_id, event_type, entity_count, attempt, status, received_at, payload,
		claim_token, claims, lease_until)
VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, 1,
	CASE WHEN $9::float8 > 0 THEN now() + make_interval(secs => $9::float8) END)
ON CONFLICT (connection_id, event_id) DO UPDATE SET
	event_type = EXCLUDED.event_type,
	entity_count = EXCLUDED.entity_count,
	attempt = EXCLUDED.attempt,
	status = 'received',
	received_at = EXCLUDED.received_at,
	payload = EXCLUDED.payload,
	claim_token = EXCLUDED.claim_token,
	claims = ledger.claims + 1,
	lease_until = EXCLUDED.lease_until,
	finished_at = NULL,
	error = NULL
WHERE ledger.status = 'failed'
	OR (ledger.status = 'received' AND ledger.lease_until IS NOT NULL AND ledger.lease_until < now())
RETURNING claims`;
}

/**
 * `$1` connection, `$2` event id: whether the row is an unsettled claim made with a lease. Read
 * after a claim found a duplicate; a lease that ran out in between still counts, since the next
 * retry takes such a row over.
 */
export function leaseHeldSql(table: QuotedTableName): string {
	return `SELECT 1 FROM ${table.sql}
WHERE connection_id = $1 AND event_id = $2 AND status = 'received' AND lease_until IS NOT NULL`;
}

/**
 * Records how the run of one claim ended: `$1` connection, `$2` event id, `$3` claim token, `$4`
 * new status, `$5` error text. Only the claim that started the run may settle it, so a late
 * answer never overwrites a newer claim of the same delivery.
 */
export function settleSql(table: QuotedTableName): string {
	return `UPDATE ${table.sql}
SET status = $4, finished_at = now(), lease_until = NULL, error = $5
WHERE connection_id = $1 AND event_id = $2 AND claim_token = $3 AND status = 'received'`;
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
