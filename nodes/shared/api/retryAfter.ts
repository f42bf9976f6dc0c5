/**
 * Milliseconds to wait according to a `Retry-After` header (RFC 9110 section 10.2.3), which is
 * either a number of seconds (`"2"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`).
 *
 * Returns `undefined` when the header is absent or unreadable, and 0 for a date already past.
 * Never throws.
 */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (typeof raw === 'number') return raw >= 0 ? Math.ceil(raw * 1000) : undefined;
	if (typeof raw !== 'string' || raw.trim() === '') return undefined;

	const text = raw.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);

	// Only a text with a month or day name can be an HTTP date; Date.parse would also read "-1".
	if (!/[a-z]/i.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}
