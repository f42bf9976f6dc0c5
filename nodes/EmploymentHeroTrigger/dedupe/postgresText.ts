/**
 * Postgres text and jsonb cannot hold the NUL character, and jsonb refuses a lone UTF-16
 * surrogate, although both are valid in a JSON string a sender may sign. They become U+FFFD, so a
 * delivery is stored rather than refused by the database again and again.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toPostgresText(text: string): string;
export function toPostgresText(text: string | null): string | null;
export function toPostgresText(text: string | null): string | null {
	return text === null ? null : text.replace(UNSTORABLE, '\uFFFD');
}

/** JSON for a `jsonb` column, with every key and string made storable. */
export function toPostgresJson(payload: unknown): string {
	return JSON.stringify(storable(payload ?? null));
}

function storable(value: unknown): unknown {
	if (typeof value === 'string') return toPostgresText(value);
	if (Array.isArray(value)) return value.map(storable);
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, inner]) => [toPostgresText(key), storable(inner)]),
		);
	}
	return value;
}
