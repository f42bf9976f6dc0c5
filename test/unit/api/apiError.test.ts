import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outcomeError, type ErrorHints } from '../../../nodes/shared/api';
import { node } from './helpers/node';

const hints: ErrorHints = {
	service: 'Service',
	unauthorized: 'Reconnect.',
	forbidden: 'Check scopes.',
	notFound: 'Check the ID.',
	unreachable: 'Check the URL',
};
const answered = (statusCode: number, body: unknown = {}, attempts = 1) => ({
	response: { statusCode, headers: {}, body },
	attempts,
	waitedMs: 0,
});

describe('outcomeError', () => {
	it('tells the user to reconnect on 401', () => {
		const error = outcomeError(node, answered(401), hints, 3) as NodeApiError;

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Service rejected the credentials');
		expect(error.description).toBe('Reconnect.');
		expect(error.httpCode).toBe('401');
		expect(error.context.itemIndex).toBe(3);
	});

	it('points at the scopes on 403 and quotes the server', () => {
		const error = outcomeError(
			node,
			answered(403, { error: 'insufficient_scope' }),
			hints,
			0,
		) as NodeApiError;

		expect(error.message).toBe('Service refused access');
		expect(error.description).toBe('Check scopes. Server said: insufficient_scope');
	});

	it('says how long it tried before giving up on a 503', () => {
		const error = outcomeError(
			node,
			{ ...answered(503, '<html>down</html>', 5), waitedMs: 7500 },
			hints,
			0,
		) as NodeApiError;

		expect(error.message).toBe('Service failed to answer (HTTP 503)');
		expect(error.description).toContain('Gave up after 5 attempts and 7.5 s of waiting.');
		expect(error.description).not.toContain('html');
	});

	it('names the network error when no answer came', () => {
		const timeout = Object.assign(new Error('timeout'), { code: 'ECONNABORTED' });

		const error = outcomeError(node, { error: timeout, attempts: 5, waitedMs: 0 }, hints, 0);

		expect(error.message).toBe('Could not reach Service');
		expect((error as NodeApiError).description).toBe(
			'Check the URL (ECONNABORTED after 5 attempts.)',
		);
	});

	it('passes on errors that are not about the API', () => {
		const configuration = new NodeOperationError(node, 'no credential');

		expect(outcomeError(node, { error: configuration, attempts: 1, waitedMs: 0 }, hints, 0)).toBe(
			configuration,
		);
	});
});
