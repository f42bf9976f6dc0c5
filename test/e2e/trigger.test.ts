import {
	handoffWorkflow,
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
} from './harness';
import { deliver, workItem } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { executionsAfterQuiet, waitForHandoffs } from './handoffs';

const PREVIOUS_SECRET = 'previous-signing-secret-9876';
const ALL_EVENTS_HOOK = 'eh-e2e-all-events';
const CREATED_ONLY_HOOK = 'eh-e2e-created-only';
/** Long enough for an execution that was (wrongly) started to reach the sink. */
const QUIET_MS = 3000;

jest.setTimeout(180_000);

describe.each(N8N_VERSIONS)('Employment Hero Trigger in n8n %s', (version) => {
	let n8n: N8nInstance;
	let sink: Sink;
	let url: string;

	beforeAll(async () => {
		sink = await startSink();
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehSecret', secret: TEST_SECRET, previousSecret: PREVIOUS_SECRET }),
			],
			workflows: [
				handoffWorkflow({
					id: 'ehAllEvents',
					name: 'All events',
					webhookId: ALL_EVENTS_HOOK,
					credentialId: 'ehSecret',
					sinkUrl: sink.url,
					triggerParameters: {
						events: ['*'],
						options: { deleteEvents: '*Deleted, EmployeeTerminated' },
					},
				}),
				handoffWorkflow({
					id: 'ehCreatedOnly',
					name: 'Created only',
					webhookId: CREATED_ONLY_HOOK,
					credentialId: 'ehSecret',
					sinkUrl: sink.url,
					triggerParameters: { events: ['EmployeeCreated'] },
				}),
			],
		});
		url = n8n.webhookUrl(ALL_EVENTS_HOOK);
	}, 240_000);

	it('turns a Payroll work item with two notifications into two items of one execution', async () => {
		const body = workItem('wi-two', [
			['EmployeeUpdated', 501],
			['EmployeeCreated', '502'],
		]);

		const answer = await deliver(url, body);

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'accepted', eventId: 'wi-two', items: 2 });
		const received = await waitForHandoffs(sink, 'wi-two', 2);
		expect(new Set(received.map((handoff) => handoff.executionId)).size).toBe(1);
		const items = received.map((handoff) => handoff.item).sort((a, b) => Number(a.index) - Number(b.index));
		expect(items[0]).toEqual({
			eventId: 'wi-two',
			eventType: 'EmployeeUpdated',
			entityType: 'Employee',
			entityId: '501',
			organisationId: '4242',
			action: 'upsert',
			attempt: 1,
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			index: 0,
			data: { Action: 'EmployeeUpdated', Id: 501, business_id: 4242 },
			properties: { BusinessId: 4242 },
		});
		expect(items[1]).toMatchObject({ entityId: '502', eventType: 'EmployeeCreated', index: 1 });
	});

	it('acknowledges the same delivery again as a duplicate and runs nothing', async () => {
		const body = workItem('wi-replay', [['EmployeeUpdated', 601]]);
		expect((await deliver(url, body)).body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-replay', 1);

		const replay = await deliver(url, body);

		expect(replay.status).toBe(200);
		expect(replay.body).toEqual({ status: 'duplicate', eventId: 'wi-replay' });
		expect(await executionsAfterQuiet(sink, 'wi-replay', QUIET_MS)).toBe(1);
	});

	it('runs exactly one execution for 20 concurrent copies', async () => {
		const body = workItem('wi-concurrent', [['EmployeeUpdated', 701]]);

		const answers = await Promise.all(Array.from({ length: 20 }, () => deliver(url, body)));

		const statuses = answers.map((answer) => answer.body?.status);
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(statuses.filter((status) => status === 'accepted')).toHaveLength(1);
		expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(19);
		await waitForHandoffs(sink, 'wi-concurrent', 1);
		expect(await executionsAfterQuiet(sink, 'wi-concurrent', QUIET_MS)).toBe(1);
	});

	it.each([
		['signed with another secret', { secret: 'not-the-secret' }],
		['without a signature header', { secret: null }],
		['with a signature that is not hex', { format: () => 'z'.repeat(64) }],
	])('refuses a delivery %s with 401 and runs nothing', async (_name, options) => {
		const logsBefore = n8n.logs().length;
		const answer = await deliver(url, workItem('wi-forged', [['EmployeeUpdated', 1]]), options);

		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ status: 'rejected', reason: 'invalid signature' });
		expect(await executionsAfterQuiet(sink, 'wi-forged', QUIET_MS)).toBe(0);
		expect(n8n.logs().slice(logsBefore)).toContain('rejected: invalid signature');
	});

	it('a forged delivery does not use up its id', async () => {
		const body = workItem('wi-forged-first', [['EmployeeUpdated', 2]]);
		expect((await deliver(url, body, { secret: 'not-the-secret' })).status).toBe(401);

		expect((await deliver(url, body)).body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-forged-first', 1);
	});

	it('accepts a sha256= prefix with upper-case hex', async () => {
		const body = workItem('wi-prefixed', [['EmployeeUpdated', 3]]);
		const answer = await deliver(url, body, { format: (hex) => `sha256=${hex.toUpperCase()}` });
		expect(answer.body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-prefixed', 1);
	});

	it('finds the signature header in another letter case', async () => {
		const body = workItem('wi-header-case', [['EmployeeUpdated', 4]]);
		const answer = await deliver(url, body, { header: 'MS-Signature' });
		expect(answer.body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-header-case', 1);
	});

	it('accepts the previous secret while rotating', async () => {
		const body = workItem('wi-previous', [['EmployeeUpdated', 5]]);
		const answer = await deliver(url, body, { secret: PREVIOUS_SECRET });
		expect(answer.body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-previous', 1);
	});

	it('refuses a body one byte over maxBodyBytes with 413 and runs nothing', async () => {
		const prefix = '{"Id":"wi-big","Notifications":[],"pad":"';
		const size = 1_048_576 + 1;
		const body = prefix + 'x'.repeat(size - prefix.length - 2) + '"}';
		expect(Buffer.byteLength(body)).toBe(size);

		const answer = await deliver(url, body);

		expect(answer.status).toBe(413);
		expect(answer.body).toEqual({ status: 'rejected', reason: 'payload too large' });
		expect(await executionsAfterQuiet(sink, 'wi-big', QUIET_MS)).toBe(0);
	});

	it('verifies the exact bytes of a body with \\u escapes, escaped slashes and non-ASCII text', async () => {
		const body =
			'{"Id":"wi-bytes","Notifications":[{"Action":"EmployeeUpdated","Id":8,' +
			'"Name":"Zo\\u00EB M\\u00FCller","Site":"https:\\/\\/example.test\\/a","City":"Tōkyō ✓"}]}';

		const answer = await deliver(url, body);

		expect(answer.body).toMatchObject({ status: 'accepted', eventId: 'wi-bytes' });
		const [handoff] = await waitForHandoffs(sink, 'wi-bytes', 1);
		expect(handoff.item.data).toEqual({
			Action: 'EmployeeUpdated',
			Id: 8,
			Name: 'Zoë Müller',
			Site: 'https://example.test/a',
			City: 'Tōkyō ✓',
		});
	});

	it('verifies key order and spacing that JSON.stringify would change', async () => {
		const body =
			'{ "Notifications" : [ { "Id" : 9 , "Action" : "EmployeeUpdated" } ] ,\n\t"Id" : "wi-spacing" }';
		expect(JSON.stringify(JSON.parse(body))).not.toBe(body);

		const answer = await deliver(url, body);

		expect(answer.body).toMatchObject({ status: 'accepted', eventId: 'wi-spacing' });
		await waitForHandoffs(sink, 'wi-spacing', 1);
	});

	it.each([
		['application/json; charset=utf-8'],
		['application/vnd.employmenthero+json'],
		['text/plain'],
		[null],
	])('accepts a signed body sent as %s', async (contentType) => {
		const eventId = `single-${String(contentType)}`;
		const body = JSON.stringify({ id: eventId, event: 'EmployeeUpdated', data: { id: 10 } });
		const answer = await deliver(url, body, { contentType });
		expect(answer.body).toMatchObject({ status: 'accepted', items: 1 });
		const [handoff] = await waitForHandoffs(sink, eventId, 1);
		expect(handoff.item).toMatchObject({ entityId: '10', entityType: 'Employee' });
	});

	it('refuses a signed body that is not JSON with 400', async () => {
		const before = sink.received().length;
		const answer = await deliver(url, 'not json at all', { contentType: 'text/plain' });
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ status: 'rejected', reason: 'body is not valid JSON' });
		expect(await sink.settle(QUIET_MS)).toHaveLength(before);
	});

	it('refuses a signed delivery without an event id with 400', async () => {
		const answer = await deliver(url, '{"event":"EmployeeUpdated","data":{"id":1}}');
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ status: 'rejected', reason: 'delivery has no event id' });
	});

	it('acknowledges an unsubscribed event type as ignored, with a warning, and runs nothing', async () => {
		const logsBefore = n8n.logs().length;
		const body = workItem('wi-unsubscribed', [['EmployeeUpdated', 11]]);

		const answer = await deliver(n8n.webhookUrl(CREATED_ONLY_HOOK), body);

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			status: 'ignored',
			eventId: 'wi-unsubscribed',
			reason: 'event type "EmployeeUpdated" is not subscribed',
		});
		expect(await executionsAfterQuiet(sink, 'wi-unsubscribed', QUIET_MS)).toBe(0);
		expect(n8n.logs().slice(logsBefore)).toContain('Employment Hero delivery ignored');
	});

	it('marks delete events, by name and by the Delete Events option', async () => {
		const body = workItem('wi-deletes', [
			['EmployeeDeleted', 12],
			['EmployeeTerminated', 13],
			['EmployeeUpdated', 14],
		]);

		await deliver(url, body);

		const items = (await waitForHandoffs(sink, 'wi-deletes', 3)).map((handoff) => handoff.item);
		const actions = Object.fromEntries(items.map((item) => [item.entityId, item.action]));
		expect(actions).toEqual({ '12': 'delete', '13': 'delete', '14': 'upsert' });
	});

	it('never answers with a stack trace or an internal path', async () => {
		const answers = await Promise.all([
			deliver(url, 'not json', { contentType: 'text/plain' }),
			deliver(url, '{}', { secret: null }),
			deliver(url, '[]'),
		]);
		for (const answer of answers) {
			expect(answer.text).not.toMatch(/at .+\(.*:\d+:\d+\)|node_modules|\/dist\//);
			expect(answer.status).toBeLessThan(500);
		}
	});

	it('still knows an old delivery after n8n restarts', async () => {
		const body = workItem('wi-before-restart', [['EmployeeUpdated', 15]]);
		expect((await deliver(url, body)).body).toMatchObject({ status: 'accepted' });
		await waitForHandoffs(sink, 'wi-before-restart', 1);

		await n8n.restart();
		const replay = await deliver(url, body);

		expect(replay.body).toEqual({ status: 'duplicate', eventId: 'wi-before-restart' });
		expect(await executionsAfterQuiet(sink, 'wi-before-restart', QUIET_MS)).toBe(1);
	});

	it('never logs the secret or a signature', () => {
		const logs = n8n.logs();
		expect(logs).not.toContain(TEST_SECRET);
		expect(logs).not.toContain(PREVIOUS_SECRET);
	});
});
