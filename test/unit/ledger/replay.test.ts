import { webhookIdOf } from '../../../nodes/EmploymentHeroLedger/replay';

describe('webhookIdOf', () => {
	it.each([
		['https://n8n.example.com/webhook/4f1c0e2a-1/webhook', '4f1c0e2a-1'],
		['http://127.0.0.1:5678/webhook-test/abc/webhook?x=1', 'abc'],
		['https://n8n.example.com/base/webhook/a%20b/webhook/', 'a b'],
	])('reads the trigger token of %s', (url, token) => {
		expect(webhookIdOf(url)).toBe(token);
	});

	it.each(['https://n8n.example.com/webhook/abc', 'not a url', 'https://x/webhook/%E0%A4%A/webhook'])(
		'says nothing for %s',
		(url) => {
			expect(webhookIdOf(url)).toBeUndefined();
		},
	);
});
