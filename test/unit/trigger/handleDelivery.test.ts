import { forgetProcessClaims } from '../../../nodes/EmploymentHeroTrigger/dedupe/StaticDataStore';
import { StoreUnavailableError } from '../../../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';
import * as storeFactory from '../../../nodes/EmploymentHeroTrigger/dedupe/createDedupeStore';
import { handleDelivery } from '../../../nodes/EmploymentHeroTrigger/handleDelivery';
import { fakeWebhookContext, type FakeRequest, type FakeSetup } from '../../helpers/fakeWebhookContext';
import { sign, TEST_SECRET } from '../../helpers/sign';

const workItem = JSON.stringify({
	Id: 'delivery-1',
	Attempt: 1,
	Properties: { BusinessId: 42 },
	Notifications: [
		{ Action: 'EmployeeUpdated', Id: 1001, business_id: 42 },
		{ Action: 'EmployeeDeleted', Id: 1002, business_id: 42 },
	],
});

async function deliver(request: FakeRequest, setup?: FakeSetup) {
	const fake = fakeWebhookContext(request, setup);
	const result = await handleDelivery.call(fake.context);
	return { ...fake, result };
}

beforeEach(() => forgetProcessClaims());
afterEach(() => jest.restoreAllMocks());

describe('handleDelivery', () => {
	it('accepts a signed work item as one item per notification', async () => {
		const { result, sent } = await deliver({ body: workItem });

		expect(sent).toMatchObject({ code: 200, body: { status: 'accepted', eventId: 'delivery-1', items: 2 } });
		expect(result.noWebhookResponse).toBe(true);
		const items = result.workflowData?.[0].map((item) => item.json);
		expect(items).toEqual([
			{
				eventId: 'delivery-1',
				eventType: 'EmployeeUpdated',
				entityType: 'Employee',
				entityId: '1001',
				organisationId: '42',
				action: 'upsert',
				attempt: 1,
				receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
				index: 0,
				data: { Action: 'EmployeeUpdated', Id: 1001, business_id: 42 },
				properties: { BusinessId: 42 },
			},
			expect.objectContaining({ entityId: '1002', action: 'delete', index: 1 }),
		]);
	});

	it('acknowledges a replay as duplicate and starts nothing', async () => {
		const first = await deliver({ body: workItem });
		const replay = await deliver({ body: workItem }, { staticData: first.staticData });

		expect(replay.sent).toMatchObject({ code: 200, body: { status: 'duplicate', eventId: 'delivery-1' } });
		expect(replay.result).toEqual({ noWebhookResponse: true });
	});

	it('lets the test URL run the same delivery again', async () => {
		await deliver({ body: workItem });
		const { sent } = await deliver({ body: workItem }, { mode: 'manual' });
		expect(sent.body).toMatchObject({ status: 'accepted' });
	});

	it('refuses a declared length over the cap with 413 before reading on', async () => {
		const { sent, result, logs } = await deliver(
			{ body: workItem, headers: { 'content-length': '2000000' } },
			{ parameters: { options: {} } },
		);
		expect(sent).toMatchObject({ code: 413, body: { status: 'rejected', reason: 'payload too large' } });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(logs.map((entry) => entry.level)).toEqual(['warn']);
	});

	it('refuses a body one byte over the configured cap with 413', async () => {
		const body = Buffer.alloc(101, 'a');
		const { sent } = await deliver(
			{ body, headers: { 'content-length': '' } },
			{ parameters: { options: { maxBodyBytes: 100 } } },
		);
		expect(sent.code).toBe(413);
	});

	it('accepts a body exactly at the cap', async () => {
		const body = JSON.stringify({ id: 'e', event: 'EmployeeUpdated', data: { id: 1 } });
		const { sent } = await deliver({ body }, { parameters: { options: { maxBodyBytes: body.length } } });
		expect(sent.body).toMatchObject({ status: 'accepted' });
	});

	it.each([
		['another secret', { body: workItem, secret: 'wrong' }],
		['no signature header', { body: workItem, secret: null }],
		['an empty signature header', { body: workItem, headers: { 'ms-signature': '' } }],
	])('refuses %s with 401', async (_name, request) => {
		const { sent, result } = await deliver(request as FakeRequest);
		expect(sent).toMatchObject({ code: 401, body: { status: 'rejected', reason: 'invalid signature' } });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it('refuses when the body bytes are unavailable', async () => {
		const { sent } = await deliver({ body: undefined, headers: { 'ms-signature': sign('') } });
		expect(sent.code).toBe(401);
	});

	it('refuses everything when the credential has no secret', async () => {
		const { sent, logs } = await deliver(
			{ body: workItem, secret: '' },
			{ credentials: { secret: '' } },
		);
		expect(sent.code).toBe(401);
		expect(logs[0].meta).toMatchObject({ reason: 'no signing secret in the credential' });
	});

	it('accepts the previous secret while rotating', async () => {
		const { sent } = await deliver(
			{ body: workItem, secret: 'old' },
			{ credentials: { secret: 'new', previousSecret: 'old' } },
		);
		expect(sent.body).toMatchObject({ status: 'accepted' });
	});

	it('reads the signature from a configured header', async () => {
		const { sent } = await deliver(
			{ body: workItem, headers: { 'x-eh-signature': `sha256=${sign(workItem).toUpperCase()}` } },
			{ parameters: { options: { signatureHeader: 'X-EH-Signature' } } },
		);
		expect(sent.body).toMatchObject({ status: 'accepted' });
	});

	it('refuses a verified body that is not JSON with 400', async () => {
		const { sent } = await deliver({ body: 'hello' });
		expect(sent).toMatchObject({ code: 400, body: { status: 'rejected', reason: 'body is not valid JSON' } });
	});

	it('refuses a verified delivery without an id with 400', async () => {
		const { sent } = await deliver({ body: '{"event":"EmployeeUpdated","data":{"id":1}}' });
		expect(sent).toMatchObject({ code: 400, body: { reason: 'delivery has no event id' } });
	});

	it('ignores an event type that is not subscribed, with a warning', async () => {
		const { result, sent, logs } = await deliver(
			{ body: workItem },
			{ parameters: { events: ['LeaveRequestCreated'] } },
		);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent).toMatchObject({
			code: 200,
			body: {
				status: 'ignored',
				eventId: 'delivery-1',
				reason: 'event type "EmployeeUpdated", "EmployeeDeleted" is not subscribed',
			},
		});
		expect(logs).toEqual([expect.objectContaining({ level: 'warn' })]);
	});

	it('quotes at most 100 characters of an unsubscribed event type', async () => {
		const body = JSON.stringify({ id: 'e-long', event: 'X'.repeat(5000), data: { id: 1 } });
		const { sent } = await deliver({ body }, { parameters: { events: ['EmployeeCreated'] } });
		expect((sent.body as { reason: string }).reason).toBe(
			`event type "${'X'.repeat(100)}…" is not subscribed`,
		);
	});

	it('keeps only the subscribed notifications of a mixed delivery', async () => {
		const { result, sent } = await deliver({ body: workItem }, { parameters: { events: ['EmployeeDeleted'] } });
		expect(result.workflowData?.[0].map((item) => item.json.index)).toEqual([1]);
		expect(sent.body).toMatchObject({ items: 1 });
	});

	it('does not claim an ignored delivery', async () => {
		const ignored = await deliver({ body: workItem }, { parameters: { events: ['PayRunFinalised'] } });
		const later = await deliver({ body: workItem }, { staticData: ignored.staticData });
		expect(later.sent.body).toMatchObject({ status: 'accepted' });
	});

	it('marks the configured delete events', async () => {
		const body = JSON.stringify({ id: 'e-9', event: 'EmployeeTerminated', data: { id: 3 } });
		const { result } = await deliver(
			{ body },
			{ parameters: { options: { deleteEvents: ['EmployeeOffboarding', 'EmployeeTerminated'] } } },
		);
		expect(result.workflowData?.[0][0].json.action).toBe('delete');
	});

	it('answers 503 with Retry-After when the store cannot answer', async () => {
		jest.spyOn(storeFactory, 'createDedupeStore').mockResolvedValue({
			claim: async () => {
				throw new StoreUnavailableError('connection refused');
			},
			settle: async () => undefined,
		});
		const { sent, result } = await deliver({ body: workItem });
		expect(sent).toMatchObject({
			code: 503,
			body: { status: 'unavailable', reason: 'dedupe store unavailable' },
			headers: { 'retry-after': '30' },
		});
		expect(result).toEqual({ noWebhookResponse: true });
	});

	it.each([
		[
			'afterSuccess',
			503,
			{ status: 'unavailable', reason: 'an earlier copy of this delivery is still running' },
		],
		['onReceived', 200, { status: 'duplicate', eventId: 'delivery-1' }],
	])('answers a copy of a run still under its lease (%s)', async (responseMode, code, body) => {
		jest.spyOn(storeFactory, 'createDedupeStore').mockResolvedValue({
			claim: async (_record, options) => (options?.tellRunning ? 'running' : 'duplicate'),
			settle: async () => undefined,
		});
		const { sent, result } = await deliver({ body: workItem }, { parameters: { responseMode } });
		expect(sent).toMatchObject({ code, body });
		expect(result).toEqual({ noWebhookResponse: true });
	});

	describe('when told to respond after the run', () => {
		const afterSuccess = { responseMode: 'afterSuccess' };

		/** Plays n8n's part: the answer it writes once the run has ended (or paused). */
		async function runEnds(n8nCode: number, setup: FakeSetup = {}) {
			const settled: unknown[] = [];
			jest.spyOn(storeFactory, 'createDedupeStore').mockResolvedValue({
				claim: async () => 'claimed',
				settle: async (_record, outcome) => void settled.push(outcome),
			});
			const run = await deliver({ body: workItem }, { parameters: afterSuccess, ...setup });
			expect(run.result).toEqual({ workflowData: [expect.any(Array)] });
			run.context.getResponseObject().status(n8nCode).json(undefined);
			await new Promise((resolve) => setImmediate(resolve));
			return { ...run, settled };
		}

		it('answers processed and settles once the run succeeded', async () => {
			const { sent, settled } = await runEnds(200);
			expect(sent).toMatchObject({
				code: 200,
				body: { status: 'processed', eventId: 'delivery-1', items: 2 },
			});
			expect(settled).toEqual([{ succeeded: true }]);
		});

		it('answers 503 failed and releases the claim when the run failed', async () => {
			const { sent, settled } = await runEnds(500);
			expect(sent).toMatchObject({ code: 503, body: { status: 'failed', eventId: 'delivery-1' } });
			expect(settled).toEqual([{ succeeded: false, reason: 'the workflow run failed' }]);
		});

		it.each([
			['a Wait node', { type: 'n8n-nodes-base.wait' }],
			['a Form node', { type: 'n8n-nodes-base.form' }],
			[
				'a send-and-wait operation',
				{ type: 'n8n-nodes-base.slack', parameters: { operation: 'sendAndWait' } },
			],
			['a sub-workflow it waits for', { type: 'n8n-nodes-base.executeWorkflow', parameters: {} }],
		])('answers accepted, leaving the claim unsettled, when %s may pause the run', async (_, child) => {
			const { sent, settled } = await runEnds(200, { childNodes: [child] });
			expect(sent).toMatchObject({ code: 200, body: { status: 'accepted', eventId: 'delivery-1' } });
			expect(settled).toEqual([]);
		});

		it.each([
			['a disabled Wait node', { type: 'n8n-nodes-base.wait', disabled: true }],
			[
				'a sub-workflow it does not wait for',
				{
					type: 'n8n-nodes-base.executeWorkflow',
					parameters: { options: { waitForSubWorkflow: false } },
				},
			],
		])('answers processed past %s', async (_what, child) => {
			const { sent } = await runEnds(200, { childNodes: [child] });
			expect(sent).toMatchObject({ code: 200, body: { status: 'processed' } });
		});
	});

	it('answers 503, never a stack trace, when something unexpected fails', async () => {
		jest.spyOn(storeFactory, 'createDedupeStore').mockRejectedValue(new Error('boom at /secret/path.ts:1'));
		const { sent } = await deliver({ body: workItem });
		expect(sent.code).toBe(503);
		expect(JSON.stringify(sent.body)).not.toContain('/secret/path');
	});

	it('logs no secret, signature or payload', async () => {
		const runs = await Promise.all([
			deliver({ body: workItem, secret: 'wrong-secret' }),
			deliver({ body: workItem }),
			deliver({ body: 'not json' }),
		]);
		const logged = JSON.stringify(runs.flatMap((run) => run.logs));
		expect(logged).not.toContain(TEST_SECRET);
		expect(logged).not.toContain('wrong-secret');
		expect(logged).not.toContain(sign(workItem));
		expect(logged).not.toContain('1001');
	});
});
