import { randomUUID } from 'crypto';
import { isDeepStrictEqual } from 'util';

import type { RawAnswer } from '../helpers/rawRequest';
import { TEST_SECRET } from '../helpers/sign';
import { startEmploymentHeroMock, type EmploymentHeroMock } from '../mocks/employmentHeroApi';
import { fanInWorkflow, triggerNode } from './fanInWorkflow';
import { handoffsFor, waitForHandoffs } from './handoffs';
import {
	N8N_VERSIONS,
	sinkNode,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
	type WorkflowJson,
} from './harness';
import { expectedFor, type Author, type Major } from './malformed/expected';
import {
	MALFORMED_KINDS,
	SMALL_MAX_BODY_BYTES,
	type Hook,
	type MalformedKind,
} from './malformed/kinds';
import { post, signaturesSent } from './malformed/requests';

const PREVIOUS_SECRET = 'previous-signing-secret-9876';
const PAYROLL_API_KEY = 'eh-hardening-payroll-key-5f1c2a9e';
const HOOKS: Record<Hook, string> = {
	all: 'eh-malformed-all',
	createdOnly: 'eh-malformed-created-only',
	small: 'eh-malformed-small',
};
const PAYROLL_HOOK = 'eh-malformed-payroll';
/** Long enough for an execution that was (wrongly) started to reach the sink. */
const QUIET_MS = 3_000;
const TRIGGER_STATUSES = ['accepted', 'duplicate', 'ignored', 'rejected', 'unavailable'];
/** A stack frame or a server path in an answer. */
const TRACE_OR_PATH = /\bat .+[(\s]\S+:\d+:\d+|stack|node_modules|\/dist\/|\/(tmp|home|root)\//i;

jest.setTimeout(180_000);

/** Our trigger always answers with a `status`; Node's HTTP parser answers with headers only. */
function authorOf(answer: RawAnswer): Author {
	const status = answer.body?.status;
	if (typeof status === 'string' && TRIGGER_STATUSES.includes(status)) return 'trigger';
	return answer.text === '' && answer.headers['content-type'] === undefined ? 'node' : 'n8n';
}

/** An answer in the shape of an expectation: who wrote it, its code, and the trigger's fields. */
function observed(answer: RawAnswer): Record<string, unknown> {
	const seen: Record<string, unknown> = { by: authorOf(answer), code: answer.status };
	if (seen.by !== 'trigger') return seen;

	for (const key of ['status', 'reason', 'eventId', 'items']) {
		if (answer.body?.[key] !== undefined) seen[key] = answer.body[key];
	}
	return seen;
}

/**
 * The three hooks the kinds go to, forwarding items to `sinkUrl`, and a Payroll hook that fetches
 * the employee with the API key and forwards it to `apiSinkUrl`: one workflow, one activation.
 */
function malformedWorkflow(sinkUrl: string, apiSinkUrl: string): WorkflowJson {
	const workflow = fanInWorkflow({
		id: 'ehMalformed',
		name: 'Malformed input',
		credentialId: 'ehSecret',
		sinkUrl,
		triggers: [
			{ name: 'All Events', webhookId: HOOKS.all },
			{
				name: 'Created Only',
				webhookId: HOOKS.createdOnly,
				parameters: { events: ['EmployeeCreated'] },
			},
			{
				name: 'Small Bodies',
				webhookId: HOOKS.small,
				parameters: { options: { maxBodyBytes: SMALL_MAX_BODY_BYTES } },
			},
		],
	});
	const payrollTrigger = triggerNode({ name: 'Payroll', webhookId: PAYROLL_HOOK }, 'ehSecret', 600);
	const fetchEmployee = {
		id: randomUUID(),
		name: 'Employment Hero Payroll',
		type: 'n8n-nodes-employment-hero.employmentHeroPayroll',
		typeVersion: 1,
		position: [300, 600] as [number, number],
		parameters: { resource: 'employee', operation: 'get' },
		credentials: { employmentHeroPayrollApi: { id: 'ehPayroll', name: 'ehPayroll' } },
	};
	const forwardEmployee = { ...sinkNode(apiSinkUrl, [600, 600]), name: 'Forward Employee' };
	const to = (node: { name: string }) => ({ main: [[{ node: node.name, type: 'main', index: 0 }]] });

	return {
		...workflow,
		nodes: [...workflow.nodes, payrollTrigger, fetchEmployee, forwardEmployee],
		connections: {
			...workflow.connections,
			[payrollTrigger.name]: to(fetchEmployee),
			[fetchEmployee.name]: to(forwardEmployee),
		},
	};
}

describe.each(N8N_VERSIONS)('malformed input through n8n %s', (version) => {
	const major = Number(version.split('.')[0]) as Major;
	const answers: Array<{ kind: MalformedKind; answer: RawAnswer }> = [];
	let executions = 0;
	let n8n: N8nInstance;
	let sink: Sink;
	let apiSink: Sink;
	let mock: EmploymentHeroMock;

	beforeAll(async () => {
		sink = await startSink();
		apiSink = await startSink();
		mock = await startEmploymentHeroMock({ payrollApiKeys: [PAYROLL_API_KEY] });
		n8n = await startN8n({
			version,
			// As n8n's Docker image runs it; in development mode n8n adds stack traces to its answers.
			env: { NODE_ENV: 'production', N8N_LOG_LEVEL: 'debug' },
			credentials: [
				webhookCredential({ id: 'ehSecret', secret: TEST_SECRET, previousSecret: PREVIOUS_SECRET }),
				{
					id: 'ehPayroll',
					name: 'ehPayroll',
					type: 'employmentHeroPayrollApi',
					data: { apiKey: PAYROLL_API_KEY, region: 'custom', baseUrl: mock.url },
				},
			],
			workflows: [malformedWorkflow(sink.url, apiSink.url)],
		});
	}, 240_000);

	afterAll(async () => {
		await mock?.close();
		const count = (author: Author, minCode = 0) =>
			answers.filter(({ answer }) => authorOf(answer) === author && answer.status >= minCode)
				.length;
		process.stdout.write(
			`malformed n8n ${version}: ${answers.length} kinds; answered by the trigger ` +
				`${count('trigger')}, by n8n ${count('n8n')}, by Node ${count('node')}; ` +
				`5xx by n8n ${count('n8n', 500)}, by the trigger ${count('trigger', 500)}; ` +
				`executions ${executions}\n`,
		);
	});

	it.each(MALFORMED_KINDS.map((kind) => [kind.name, kind] as const))(
		'answers %s as declared',
		async (_name, kind) => {
			const alternatives = expectedFor(kind.expected, major);

			const answer = await kind.send(n8n.webhookUrl(HOOKS[kind.hook ?? 'all']));
			answers.push({ kind, answer });

			const seen = observed(answer);
			const match = alternatives.find((expected) => isDeepStrictEqual(expected, seen));
			expect(seen).toEqual(match ?? alternatives[0]);
			expect(answer.text).not.toMatch(TRACE_OR_PATH);
		},
	);

	it('sent at least 50 kinds', () => {
		expect(answers.length).toBeGreaterThanOrEqual(50);
	});

	it('runs each accepted delivery once with all its items, and nothing else', async () => {
		const acceptedOnes = answers
			.map(({ answer }) => answer.body)
			.filter((body) => body?.status === 'accepted')
			.map((body) => ({ eventId: String(body?.eventId), items: Number(body?.items) }));
		for (const { eventId, items } of acceptedOnes) await waitForHandoffs(sink, eventId, items);
		await sink.settle(QUIET_MS);

		const short = (eventId: string) => eventId.slice(0, 40);
		const runs = acceptedOnes.map(({ eventId }) => {
			const handoffs = handoffsFor(sink, eventId);
			const runCount = new Set(handoffs.map((handoff) => handoff.executionId)).size;
			return { eventId: short(eventId), items: handoffs.length, executions: runCount };
		});
		const known = new Set(acceptedOnes.map(({ eventId }) => eventId));
		const others = sink
			.received()
			.map((request) => (request.body as { item?: { eventId?: unknown } }).item?.eventId)
			.filter((eventId) => typeof eventId !== 'string' || !known.has(eventId));
		executions = runs.reduce((sum, run) => sum + run.executions, 0);

		expect(runs).toEqual(
			acceptedOnes.map(({ eventId, items }) => ({ eventId: short(eventId), items, executions: 1 })),
		);
		expect(others).toEqual([]);
	});

	it('never fails inside the trigger', () => {
		const logs = n8n.logs();

		expect(logs).not.toContain('Employment Hero delivery failed unexpectedly');
		expect(logs).not.toContain('Workflow could not be started');
	});

	it('keeps secrets, signatures and the API key out of debug logs and answers', async () => {
		const delivery = JSON.stringify({
			Id: 'mf-payroll',
			Notifications: [{ Action: 'EmployeeUpdated', Id: 100001, businessId: 1001 }],
		});
		const answer = await post(delivery)(n8n.webhookUrl(PAYROLL_HOOK));
		expect(answer.body).toMatchObject({ status: 'accepted' });
		await apiSink.waitForCount(1);
		const keyed = mock.requests.filter((request) => request.authorization === 'basic');
		expect(keyed.map((request) => request.status)).toContain(200);

		const secrets = [
			TEST_SECRET,
			PREVIOUS_SECRET,
			PAYROLL_API_KEY,
			Buffer.from(`${PAYROLL_API_KEY}:`).toString('base64'),
			...signaturesSent,
		];
		const logs = n8n.logs().toLowerCase();
		const texts = [...answers.map((sent) => sent.answer), answer].map((a) => a.text.toLowerCase());
		const found = (haystack: string) =>
			secrets.filter((secret) => haystack.includes(secret.toLowerCase()));

		expect(logs).toContain('employment hero delivery accepted');
		expect(found(logs)).toEqual([]);
		expect(found(texts.join('\n'))).toEqual([]);
		process.stdout.write(
			`secrets n8n ${version}: ${secrets.length} values (${signaturesSent.size} signatures) ` +
				`absent from ${logs.length} bytes of debug log and ${texts.length} answers\n`,
		);
	});
});
