/** SQLSTATE codes the stores act on. */
export const UNDEFINED_TABLE = '42P01';
export const UNDEFINED_COLUMN = '42703';
export const UNIQUE_VIOLATION = '23505';
export const DUPLICATE_TABLE = '42P07';

/** The SQLSTATE (or Node.js socket code) of a failure, when it has one. */
export function postgresErrorCode(error: unknown): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

/**
 * A short, secret-free reason for a log line or an error description. Connecting to a host name
 * with several addresses fails with an `AggregateError` whose own message is empty, so its first
 * inner reason is used. Duck-typed rather than `instanceof`, which fails for errors from another
 * realm.
 */
export function describePostgresError(error: unknown): string {
	const inner = (error as { errors?: unknown } | null)?.errors;
	const message = (error as { message?: unknown } | null)?.message;
	if (Array.isArray(inner) && inner.length > 0 && !message) return describePostgresError(inner[0]);

	const text =
		typeof message === 'string'
			? message
			: error !== null && typeof error === 'object'
				? ''
				: String(error);
	const code = postgresErrorCode(error);
	if (code && !text.includes(code)) return text ? `${text} (${code})` : code;
	return text || 'unknown error';
}
