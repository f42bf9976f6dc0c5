import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { answerEcho, checkEcho, MAX_ECHO_LENGTH } from '../../../nodes/EmploymentHeroTrigger/echo';
import { recordingResponse } from '../../helpers/fakeWebhookContext';

function getContext(query: IDataObject) {
	const { sent, response } = recordingResponse();
	const logs: Array<{ level: string; message: string }> = [];
	const log = (level: string) => (message: string) => logs.push({ level, message });
	const context = {
		getQueryData: () => query,
		getResponseObject: () => response,
		getNode: () => ({ name: 'Employment Hero Trigger' }),
		getWorkflow: () => ({ id: 'wf-1' }),
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};
	return { context: context as unknown as IWebhookFunctions, sent, logs };
}

describe('the echo answer', () => {
	it('sends the echo value back as plain text and starts nothing', () => {
		const { context, sent } = getContext({ echo: '3f2a9c1e-token' });

		const result = answerEcho.call(context);

		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent).toEqual({
			code: 200,
			body: '3f2a9c1e-token',
			headers: {
				'content-type': 'text/plain; charset=utf-8',
				'x-content-type-options': 'nosniff',
				'cache-control': 'no-store',
			},
		});
	});

	it('refuses a GET without echo with 400 JSON', () => {
		const { context, sent } = getContext({});

		expect(answerEcho.call(context)).toEqual({ noWebhookResponse: true });

		expect(sent.code).toBe(400);
		expect(sent.body).toEqual({
			status: 'rejected',
			reason: 'only GET ?echo=<value> is answered here; deliveries are POSTed',
		});
	});

	it('is logged at debug level only, and never as a delivery', () => {
		const answered = getContext({ echo: 'x' });
		const refused = getContext({});
		answerEcho.call(answered.context);
		answerEcho.call(refused.context);

		const logs = [...answered.logs, ...refused.logs];
		expect(logs.map((log) => log.level)).toEqual(['debug', 'debug']);
		expect(logs.some((log) => /delivery/i.test(log.message))).toBe(false);
	});
});

describe('checkEcho', () => {
	it('ignores other query parameters', () => {
		expect(checkEcho({ echo: 'abc', other: '1' })).toEqual({ ok: true, value: 'abc' });
	});

	it.each([
		['given twice', { echo: ['a', 'b'] }],
		['given as an object', { echo: { a: '1' } }],
		['empty', { echo: '' }],
		['with a space', { echo: 'a b' }],
		['with a line break', { echo: 'a\r\nSet-Cookie: x=1' }],
		['with non-ASCII text', { echo: 'zoë' }],
		['one character too long', { echo: 'x'.repeat(MAX_ECHO_LENGTH + 1) }],
	])('refuses an echo %s', (_name, query) => {
		expect(checkEcho(query as IDataObject)).toMatchObject({ ok: false });
	});

	it(`answers an echo of exactly ${MAX_ECHO_LENGTH} characters`, () => {
		expect(checkEcho({ echo: 'x'.repeat(MAX_ECHO_LENGTH) })).toMatchObject({ ok: true });
	});
});
