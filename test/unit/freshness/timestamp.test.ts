import {
	formatTimestamp,
	parseTimestamp,
	TimestampError,
} from '../../../nodes/EmploymentHeroFreshnessGuard/timestamp';

/** Epoch microseconds of an ISO instant that Date reads unambiguously (with a zone). */
const micros = (iso: string) => BigInt(Date.parse(iso)) * 1000n;

describe('parseTimestamp', () => {
	describe('ISO 8601', () => {
		it.each([
			['2024-05-01T09:30:00Z', '2024-05-01T09:30:00Z'],
			['2024-05-01T09:30:00.123z', '2024-05-01T09:30:00.123Z'],
			['2024-05-01T19:30:00+10:00', '2024-05-01T09:30:00Z'],
			['2024-05-01T19:30:00+1000', '2024-05-01T09:30:00Z'],
			['2024-05-01T19:30:00+10', '2024-05-01T09:30:00Z'],
			['2024-05-01T04:00:00-05:30', '2024-05-01T09:30:00Z'],
			['2024-05-01 09:30:00Z', '2024-05-01T09:30:00Z'],
			['2024-05-01T09:30Z', '2024-05-01T09:30:00Z'],
			['2024-05-01T09:30:00,5Z', '2024-05-01T09:30:00.500Z'],
			['  2024-05-01T09:30:00Z  ', '2024-05-01T09:30:00Z'],
		])('reads %j as %s', (input, expected) => {
			expect(parseTimestamp(input)).toBe(micros(expected));
		});

		it('reads a date and time without a zone as UTC, not local time', () => {
			expect(parseTimestamp('2024-05-01T09:30:00')).toBe(micros('2024-05-01T09:30:00Z'));
		});

		it('reads a date alone as midnight UTC', () => {
			expect(parseTimestamp('2024-05-01')).toBe(micros('2024-05-01T00:00:00Z'));
		});

		it('keeps microseconds, so two changes within one millisecond stay apart', () => {
			const earlier = parseTimestamp('2024-05-01T09:30:00.123456Z');
			const later = parseTimestamp('2024-05-01T09:30:00.123457Z');

			expect(later - earlier).toBe(1n);
		});

		it('ignores digits past microseconds, as in seven-digit .NET times', () => {
			expect(parseTimestamp('2024-05-01T09:30:00.1234567')).toBe(
				parseTimestamp('2024-05-01T09:30:00.123456Z'),
			);
		});

		it('reads years before 1970 and up to 9999', () => {
			expect(parseTimestamp('1969-12-31T23:59:59Z')).toBe(-1_000_000n);
			expect(parseTimestamp('9999-12-31T23:59:59.999999Z')).toBe(253_402_300_799_999_999n);
		});

		it.each([
			['2024-02-30T00:00:00Z', 'not a calendar date'],
			['2024-13-01', 'not a calendar date'],
			['2024-05-01T24:00:00Z', 'time of day out of range'],
			['2024-05-01T09:60:00Z', 'time of day out of range'],
			['2024-05-01T09:30:60Z', 'time of day out of range'],
			['2024-05-01T09:30:00+24:00', 'zone offset out of range'],
		])('rejects %j as %s', (input, reason) => {
			expect(() => parseTimestamp(input)).toThrow(reason);
		});
	});

	describe('epoch numbers', () => {
		it('reads numbers below 100,000,000,000 as seconds', () => {
			expect(parseTimestamp(1714555800)).toBe(micros('2024-05-01T09:30:00Z'));
			expect(parseTimestamp(99_999_999_999)).toBe(99_999_999_999_000_000n);
		});

		it('reads numbers from 100,000,000,000 on as milliseconds', () => {
			expect(parseTimestamp(1714555800123)).toBe(micros('2024-05-01T09:30:00.123Z'));
			expect(parseTimestamp(100_000_000_000)).toBe(100_000_000_000_000n);
		});

		it('reads numeric strings by the same rule', () => {
			expect(parseTimestamp('1714555800')).toBe(micros('2024-05-01T09:30:00Z'));
			expect(parseTimestamp('1714555800123')).toBe(micros('2024-05-01T09:30:00.123Z'));
		});

		it('keeps a fraction of a second exactly when given as text', () => {
			expect(parseTimestamp('1714555800.123456')).toBe(micros('2024-05-01T09:30:00Z') + 123_456n);
		});

		it('keeps a fraction of a millisecond to the microsecond', () => {
			expect(parseTimestamp('1714555800123.4567')).toBe(micros('2024-05-01T09:30:00.123Z') + 456n);
		});

		it('reads negative seconds as times before 1970', () => {
			expect(parseTimestamp(-1.5)).toBe(-1_500_000n);
		});

		it('rejects epoch microseconds with a hint to convert them', () => {
			expect(() => parseTimestamp(1714555800123456)).toThrow(/outside the years.*microseconds/);
		});

		it.each([NaN, Infinity, -Infinity])('rejects %p', (input) => {
			expect(() => parseTimestamp(input)).toThrow(TimestampError);
		});
	});

	describe('dates', () => {
		it('reads a Date by its milliseconds', () => {
			expect(parseTimestamp(new Date('2024-05-01T09:30:00.123Z'))).toBe(
				micros('2024-05-01T09:30:00.123Z'),
			);
		});

		it('reads a Luxon DateTime (what $now gives) by its milliseconds', () => {
			const dateTime = { toMillis: () => Date.parse('2024-05-01T09:30:00Z') };

			expect(parseTimestamp(dateTime)).toBe(micros('2024-05-01T09:30:00Z'));
		});

		it('rejects an invalid Date', () => {
			expect(() => parseTimestamp(new Date('nonsense'))).toThrow('the date is invalid');
		});
	});

	describe('unusable values', () => {
		it.each([
			['', 'the timestamp is empty'],
			['   ', 'the timestamp is empty'],
			['yesterday', 'neither an ISO 8601 date and time nor an epoch number'],
			['Wed, 01 May 2024 09:30:00 GMT', 'neither an ISO 8601'],
			['2024-05-01Z', 'neither an ISO 8601'],
			['1.7e9', 'neither an ISO 8601'],
		])('rejects %j', (input, reason) => {
			expect(() => parseTimestamp(input)).toThrow(reason);
		});

		it.each([
			[null, 'got null'],
			[undefined, 'got undefined'],
			[true, 'got boolean'],
			[{}, 'got object'],
			[[1714555800], 'got a list'],
		])('rejects %p', (input, reason) => {
			expect(() => parseTimestamp(input)).toThrow(reason);
		});

		it('shortens a long value in the message', () => {
			expect(() => parseTimestamp('x'.repeat(500))).toThrow(/^"x{40}…" is neither/);
		});
	});
});

describe('formatTimestamp', () => {
	it('writes milliseconds like Date.toISOString', () => {
		expect(formatTimestamp(micros('2024-05-01T09:30:00.120Z'))).toBe('2024-05-01T09:30:00.120Z');
	});

	it('writes microseconds when there are any', () => {
		expect(formatTimestamp(parseTimestamp('2024-05-01T09:30:00.000007Z'))).toBe(
			'2024-05-01T09:30:00.000007Z',
		);
	});

	it('writes times before 1970 with the right microseconds', () => {
		expect(formatTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999Z');
	});

	it('writes back what it reads, for every form', () => {
		for (const text of ['0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999999Z']) {
			expect(formatTimestamp(parseTimestamp(text))).toBe(text);
		}
	});
});
