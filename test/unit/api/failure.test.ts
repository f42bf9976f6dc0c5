import { NodeApiError } from 'n8n-workflow';

import { headerOf, networkCodeOf } from '../../../nodes/shared/api';
import { node } from './helpers/node';

describe('networkCodeOf', () => {
	const socketError = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

	it('reads the code of a raw socket error', () => {
		expect(networkCodeOf(socketError())).toBe('ECONNRESET');
	});

	it('reads the code n8n keeps in httpCode when it wraps the error', () => {
		expect(networkCodeOf(new NodeApiError(node, socketError() as never))).toBe('ECONNRESET');
	});

	it('reads the code of a wrapped cause', () => {
		const outer = Object.assign(new Error('outer'), { cause: socketError() });

		expect(networkCodeOf(outer)).toBe('ECONNRESET');
	});

	it('finds no code in an HTTP status', () => {
		expect(networkCodeOf({ httpCode: '503' })).toBeUndefined();
		expect(networkCodeOf('ECONNRESET')).toBeUndefined();
	});
});

describe('headerOf', () => {
	it('finds a header whatever its case', () => {
		const response = { statusCode: 429, headers: { 'Retry-After': '2' }, body: null };
		expect(headerOf(response, 'retry-after')).toBe('2');
	});
});
