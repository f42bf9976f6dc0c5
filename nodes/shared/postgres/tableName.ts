/** A table name typed by the user cannot be used; the message says what is allowed. */
export class TableNameError extends Error {}

export interface QuotedTableName {
	/** `"schema"."table"` or `"table"`, safe to splice into SQL. */
	sql: string;
	/** The name as given, for logs and lock keys. */
	text: string;
	/** A quoted name for an index of this table: `"<table>_<suffix>"` (same schema as the table). */
	indexName: (suffix: string) => string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Postgres cuts names at 63 bytes; 50 leaves room for the index suffixes derived from them. */
const MAX_TABLE_LENGTH = 50;
const MAX_SCHEMA_LENGTH = 63;

/**
 * Validates a user-supplied table name, `table` or `schema.table`, and quotes it. Only letters,
 * digits and underscores are accepted, so quoting never has to escape anything; letter case is
 * kept as typed, as n8n's Postgres node does.
 */
export function quoteTableName(input: string): QuotedTableName {
	const text = input.trim();
	const parts = text.split('.');
	const table = parts[parts.length - 1];
	const schema = parts.length === 2 ? parts[0] : undefined;

	if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
		throw new TableNameError(
			`Table name "${input}" is not allowed: use letters, digits and underscores, optionally as schema.table`,
		);
	}
	if (table.length > MAX_TABLE_LENGTH || (schema?.length ?? 0) > MAX_SCHEMA_LENGTH) {
		throw new TableNameError(
			`Table name "${input}" is too long: use at most ${MAX_TABLE_LENGTH} characters for the table`,
		);
	}

	const quotedTable = `"${table}"`;
	return {
		sql: schema === undefined ? quotedTable : `"${schema}".${quotedTable}`,
		text,
		indexName: (suffix) => `"${table}_${suffix}"`,
	};
}
