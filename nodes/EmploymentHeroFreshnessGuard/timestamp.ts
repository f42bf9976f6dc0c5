/**
 * Timestamps are compared as whole microseconds since 1970-01-01T00:00:00Z, held in a `bigint`:
 * a JavaScript number cannot hold microseconds exactly beyond the year 2255, and some sources send
 * finer than milliseconds (.NET writes seven fraction digits), so changes within one millisecond
 * stay apart.
 */
export type Micros = bigint;

/** Epoch numbers below this are seconds (up to the year 5138), others milliseconds (from 1973). */
export const SECONDS_BELOW = 100_000_000_000;

const MIN_MICROS = -62_167_219_200_000_000n; // 0000-01-01T00:00:00Z
const MAX_MICROS = 253_402_300_799_999_999n; // 9999-12-31T23:59:59.999999Z

const ISO = new RegExp(
	'^(\\d{4})-(\\d{2})-(\\d{2})' + // date
		'(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?' + // time; seconds optional
		'(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?$', // zone, only after a time
);
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** Why a value could not be read as a timestamp; the message is shown to the user. */
export class TimestampError extends Error {}

/**
 * Reads a change timestamp into epoch microseconds.
 *
 * - ISO 8601 extended format: `2024-05-01`, `2024-05-01T09:30`, `2024-05-01T09:30:00.1234567+10:00`
 *   (`T` or a space between date and time, `Z` or `±hh:mm`, `±hhmm`, `±hh`). Without a zone it is
 *   UTC, never the server's local time. Digits past microseconds are ignored.
 * - Epoch numbers, as numbers or strings of decimal digits (optionally signed, with a fraction):
 *   below 100,000,000,000 in magnitude they are seconds, otherwise milliseconds. A string of
 *   digits is always an epoch number, so ISO basic format (`20240501`) is not understood.
 * - `Date` objects and Luxon `DateTime` values (what `$now` gives) by their milliseconds.
 *
 * Anything else, and anything outside the years 0000 to 9999, throws a `TimestampError`.
 */
export function parseTimestamp(value: unknown): Micros {
	if (typeof value === 'number') return fromEpochNumber(value);
	if (typeof value === 'string') return fromText(value.trim());
	if (isDateLike(value)) return fromMillis(dateMillis(value));

	const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
	throw new TimestampError(`expected a date and time or an epoch number, got ${kind}`);
}

/**
 * ISO 8601 in UTC with milliseconds, as `Date.toISOString` writes it, or with microseconds when
 * the value has any.
 */
export function formatTimestamp(micros: Micros): string {
	const millis = floorDiv(micros, 1000n);
	const iso = new Date(Number(millis)).toISOString();
	const rest = micros - millis * 1000n;
	return rest === 0n ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

function fromText(text: string): Micros {
	if (text === '') throw new TimestampError('the timestamp is empty');

	const decimal = DECIMAL.exec(text);
	if (decimal) return fromDecimal(decimal[1], decimal[2], decimal[3] ?? '');

	const iso = ISO.exec(text);
	if (iso) return fromIso(iso);

	throw new TimestampError(
		`"${shorten(text)}" is neither an ISO 8601 date and time nor an epoch number`,
	);
}

function fromEpochNumber(value: number): Micros {
	if (!Number.isFinite(value)) throw new TimestampError(`${value} is not a finite number`);
	// Far past the year 9999 either way; toFixed would switch to exponent notation here.
	if (Math.abs(value) >= 1e21) throw outOfRange(String(value));

	const decimal = DECIMAL.exec(value.toFixed(6)) as RegExpExecArray;
	return fromDecimal(decimal[1], decimal[2], decimal[3] ?? '');
}

/** Exact decimal arithmetic on the digits, so `"1714555800.123456"` loses nothing to floats. */
function fromDecimal(sign: string, whole: string, fraction: string): Micros {
	const magnitude = BigInt(whole);
	const seconds = magnitude < BigInt(SECONDS_BELOW);
	const places = seconds ? 6 : 3;

	// Seconds keep six fraction digits, milliseconds three: either way, whole microseconds.
	const digits = BigInt(fraction.slice(0, places).padEnd(places, '0'));
	const micros = magnitude * 10n ** BigInt(places) + digits;
	const signed = sign === '-' ? -micros : micros;

	if (signed < MIN_MICROS || signed > MAX_MICROS) {
		const hint = seconds ? '' : '; divide epoch microseconds or nanoseconds to milliseconds';
		throw outOfRange(`${sign}${whole}${fraction ? `.${fraction}` : ''}`, hint);
	}
	return signed;
}

function fromIso(match: RegExpExecArray): Micros {
	const [text, year, month, day, hour, minute, second, fraction, zone] = match;
	const date = new Date(0);
	date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
	if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
		throw new TimestampError(`"${shorten(text)}" is not a calendar date`);
	}
	if (Number(hour ?? 0) > 23 || Number(minute ?? 0) > 59 || Number(second ?? 0) > 59) {
		throw new TimestampError(`"${shorten(text)}" has a time of day out of range`);
	}
	date.setUTCHours(Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0));

	const offsetMinutes = zoneOffsetMinutes(zone, text);
	const micros =
		BigInt(date.getTime() - offsetMinutes * 60_000) * 1000n +
		BigInt((fraction ?? '').slice(0, 6).padEnd(6, '0'));

	if (micros < MIN_MICROS || micros > MAX_MICROS) throw outOfRange(text);
	return micros;
}

/** Minutes the zone is ahead of UTC; 0 for `Z` and for no zone at all. */
function zoneOffsetMinutes(zone: string | undefined, text: string): number {
	if (zone === undefined || zone.toUpperCase() === 'Z') return 0;

	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = Number(digits.slice(2) || '0');
	if (hours > 23 || minutes > 59) {
		throw new TimestampError(`"${shorten(text)}" has a zone offset out of range`);
	}
	return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function fromMillis(millis: number): Micros {
	if (!Number.isFinite(millis)) throw new TimestampError('the date is invalid');
	const micros = BigInt(Math.trunc(millis)) * 1000n;
	if (micros < MIN_MICROS || micros > MAX_MICROS) throw outOfRange(new Date(millis).toISOString());
	return micros;
}

type DateLike = Date | { toMillis(): number };

function isDateLike(value: unknown): value is DateLike {
	if (Object.prototype.toString.call(value) === '[object Date]') return true;
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toMillis?: unknown }).toMillis === 'function'
	);
}

function dateMillis(value: DateLike): number {
	return 'toMillis' in value ? value.toMillis() : (value as Date).getTime();
}

function outOfRange(text: string, hint = ''): TimestampError {
	return new TimestampError(`${shorten(text)} is outside the years 0000 to 9999${hint}`);
}

function floorDiv(a: bigint, b: bigint): bigint {
	const quotient = a / b;
	return a % b !== 0n && a < 0n ? quotient - 1n : quotient;
}

function shorten(text: string): string {
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
