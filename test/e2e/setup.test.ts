import { spawn } from 'child_process';
import { join } from 'path';

import { deliver, workItem } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { startEmploymentHeroMock, type EmploymentHeroMock } from '../mocks/employmentHeroApi';
import { waitForHandoffs } from './handoffs';
import { N8N_VERSIONS, startN8n, startSink, type N8nInstance, type Sink } from './harness';
import { setUpOwner } from './setup/ownerSession';
import { payrollCredential, registrationWorkflow } from './setup/registrationWorkflow';

// At most 16 characters: n8n 1.x saves static data only for ids that long (its own ids are 16).
const WORKFLOW_ID = 'ehSelfRegister';
const HOOK = 'eh-e2e-self-registering';
const BUSINESS = 1001;
const EVENTS = ['EmployeeUpdated', 'EmployeeCreated'];
const QUIET_MS = 3000;
const CLI = join(__dirname, '..', '..', 'dist', 'cli', 'index.js');

jest.setTimeout(180_000);

interface CliRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the built CLI as a user would (`node dist/cli/index.js ...`). */
async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
	return await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [CLI, ...args], {
			env: { PATH: process.env.PATH, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe.each(N8N_VERSIONS)('Setup without a credential dance in n8n %s', (version) => {
	let mock: EmploymentHeroMock;
	let sink: Sink;
	let n8n: N8nInstance;
	let url: string;

	const registrations = () => mock.webhooks.forBusiness(BUSINESS);
	const calls = (method: string) =>
		mock.requests.filter((r) => r.method === method && r.path.includes('/webhookregistrations'));

	/** Polls the mock; on timeout fails with the end of n8n's log, where activation errors are. */
	async function waitFor(what: string, condition: () => boolean, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline) {
				throw new Error(`Gave up waiting for ${what}.\n${n8n.logs().slice(-4000)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	beforeAll(async () => {
		mock = await startEmploymentHeroMock({ payrollRateLimit: false, verifyWebhookEcho: true });
		sink = await startSink();
		n8n = await startN8n({
			version,
			credentials: [payrollCredential('ehPayroll', mock.url, mock.payrollApiKey)],
			workflows: [
				registrationWorkflow({
					id: WORKFLOW_ID,
					webhookId: HOOK,
					businessId: String(BUSINESS),
					events: EVENTS,
					payrollCredentialId: 'ehPayroll',
					sinkUrl: sink.url,
				}),
			],
			// Waited for below, through the registration: after deactivation no webhook is expected.
			webhookPaths: [],
		});
		url = n8n.webhookUrl(HOOK);
		await waitFor('the registration made on activation', () => registrations().length > 0);
	}, 240_000);

	afterAll(async () => await mock?.close());

	it('activation registers the Production URL once, with the events as filters and a new secret', () => {
		expect(registrations()).toHaveLength(1);
		const [registration] = registrations();
		expect(registration.webHookUri).toBe(url);
		expect([...registration.filters].sort()).toEqual([...EVENTS].sort());
		expect(registration.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(calls('POST')).toHaveLength(1);
		// Payroll's confirmation of the URL reached the trigger's GET answer while registering.
		expect(mock.webhooks.echoChecks).toEqual([{ url, status: 200, matched: true }]);
	});

	it('verifies deliveries with the registered secret, and only with it', async () => {
		const { secret } = registrations()[0];
		const body = workItem('wi-registered', [['EmployeeUpdated', 301]]);

		const forged = await deliver(url, body, { secret: TEST_SECRET });
		const signed = await deliver(url, body, { secret });

		expect(forged.status).toBe(401);
		expect(signed.body).toEqual({ status: 'accepted', eventId: 'wi-registered', items: 1 });
		const [handoff] = await waitForHandoffs(sink, 'wi-registered', 1);
		expect(handoff.item).toMatchObject({ entityId: '301', organisationId: '4242' });
	});

	it('answers GET ?echo= with the value as plain text, runs nothing and logs no delivery', async () => {
		const logsBefore = n8n.logs().length;
		const received = sink.received().length;

		const echo = await fetch(`${url}?echo=c0ffee-42`);
		const bare = await fetch(url);

		expect(echo.status).toBe(200);
		expect(echo.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await echo.text()).toBe('c0ffee-42');
		expect(bare.status).toBe(400);
		expect(await bare.json()).toEqual({
			status: 'rejected',
			reason: 'only GET ?echo=<value> is answered here; deliveries are POSTed',
		});
		expect(await sink.settle(QUIET_MS)).toHaveLength(received);
		expect(n8n.logs().slice(logsBefore)).not.toMatch(/Employment Hero delivery/);
	});

	it('the CLI sends a sample the trigger accepts', async () => {
		const { secret } = registrations()[0];

		const run = await runCli(
			['send', '--url', url, '--sample', 'EmployeeCreated', '--business-id', '77'],
			{
				EMPLOYMENT_HERO_WEBHOOK_SECRET: secret,
			},
		);

		expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/^HTTP 200 OK\n/) });
		const answer = JSON.parse(run.stdout.split('\n')[1]) as { status: string; eventId: string };
		expect(answer).toMatchObject({ status: 'accepted', items: 1 });
		const [handoff] = await waitForHandoffs(sink, answer.eventId, 1);
		expect(handoff.item).toMatchObject({ eventType: 'EmployeeCreated', organisationId: '77' });
	});

	it('the CLI exits non-zero on a wrong secret, saying why', async () => {
		const run = await runCli(['send', '--url', url, '--secret', 'not-the-secret']);

		expect(run.code).toBe(1);
		expect(run.stdout).toContain('HTTP 401');
		expect(run.stderr).toContain('could not verify the signature');
	});

	it('a restart keeps the registration and its secret, and creates no other', async () => {
		const before = registrations()[0];

		// 1.x runs checkExists at every start; 2.x only for webhooks missing from its database.
		await n8n.restart();
		const body = workItem('wi-after-restart', [['EmployeeUpdated', 302]]);
		let answer = await deliver(url, body, { secret: before.secret });
		// 2.x activates in the background after startup; until then the URL answers 404.
		for (let tries = 0; answer.status === 404 && tries < 150; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 200));
			answer = await deliver(url, body, { secret: before.secret });
		}

		expect(answer.body).toEqual({ status: 'accepted', eventId: 'wi-after-restart', items: 1 });
		expect(registrations()).toEqual([before]);
		expect(calls('POST')).toHaveLength(1);
		expect(calls('DELETE')).toHaveLength(0);
	});

	it('deactivation deletes the registration, and a restart registers nothing', async () => {
		const { id } = registrations()[0];
		const owner = await setUpOwner(n8n.baseUrl);

		await owner.deactivate(WORKFLOW_ID);
		await waitFor('the registration to be deleted', () => registrations().length === 0);

		expect(calls('DELETE').map((r) => r.path)).toEqual([
			`/api/v2/business/${BUSINESS}/webhookregistrations/${id}`,
		]);
		await n8n.restart();
		// Long enough for 2.x's background activation to have registered, had it wrongly run.
		await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
		expect(registrations()).toHaveLength(0);
		expect(calls('POST')).toHaveLength(1);
	});

	it('never logs a registered secret', () => {
		const secrets = calls('POST').map((r) => (r.body as { secret: string }).secret);
		expect(secrets).toHaveLength(1);
		expect(n8n.logs()).not.toContain(secrets[0]);
	});
});
