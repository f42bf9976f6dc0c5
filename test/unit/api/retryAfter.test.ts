import { parseRetryAfter } from '../../../nodes/shared/api';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
	it('reads delay-seconds as milliseconds', () => {
		expect(parseRetryAfter('2', NOW)).toBe(2000);
	});

	it('reads an HTTP date as the time left until it', () => {
		expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', NOW)).toBe(5000);
	});

	it('waits nothing for a date already past', () => {
		expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', NOW)).toBe(0);
	});

	it('takes the first value of a repeated header', () => {
		expect(parseRetryAfter(['3', '9'], NOW)).toBe(3000);
	});

	it.each([undefined, '', '   ', 'soon', '-1', {}])('ignores %p', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});
