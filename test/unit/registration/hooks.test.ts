import { NodeOperationError } from 'n8n-workflow';

import { payrollRegistrationHooks as hooks } from '../../../nodes/EmploymentHeroTrigger/registration/hooks';
import { runtime } from '../../../nodes/shared/api';
import { startEmploymentHeroMock, type EmploymentHeroMock } from '../../mocks/employmentHeroApi';
import { fakeHookContext, WEBHOOK_URL, type HookSetup } from './support/hookContext';

let mock: EmploymentHeroMock;
const realSleep = runtime.sleep;

beforeAll(async () => {
	mock = await startEmploymentHeroMock({ payrollRateLimit: false });
	runtime.sleep = async () => {};
});
afterAll(async () => {
	runtime.sleep = realSleep;
	await mock.close();
});
beforeEach(() => {
	mock.reset();
	mock.webhooks.registrations.clear();
});

function hook(setup: Partial<HookSetup> = {}) {
	return fakeHookContext({ payrollUrl: mock.url, ...setup });
}

/** Activates as n8n does: `create` only when `checkExists` answers false. */
async function activate(fake: ReturnType<typeof hook>): Promise<boolean> {
	if (await hooks.checkExists.call(fake.context)) return false;
	return await hooks.create.call(fake.context);
}

const posts = () => mock.requests.filter((r) => r.method === 'POST');
const deletes = () => mock.requests.filter((r) => r.method === 'DELETE');

describe('Payroll webhook registration', () => {
	it('registers the URL with the selected events as filters and a 64-character secret', async () => {
		const fake = hook({ parameters: { events: ['EmployeeUpdated', 'EmployeeCreated'] } });

		expect(await activate(fake)).toBe(true);

		const [registration] = mock.webhooks.forBusiness(1001);
		expect(mock.webhooks.forBusiness(1001)).toHaveLength(1);
		expect(registration).toMatchObject({
			webHookUri: WEBHOOK_URL,
			filters: ['EmployeeCreated', 'EmployeeUpdated'],
			description: 'n8n workflow "Payroll changes", node "Employment Hero Trigger"',
		});
		expect(registration.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(fake.staticData.payrollRegistration).toMatchObject({
			id: registration.id,
			secret: registration.secret,
			url: WEBHOOK_URL,
			businessId: '1001',
		});
	});

	it('registers every event as the filter * when All Events is chosen', async () => {
		await activate(hook({ parameters: { events: ['*', 'EmployeeUpdated'] } }));

		expect(mock.webhooks.forBusiness(1001)[0].filters).toEqual(['*']);
	});

	it('finds its stored registration at the next start and creates nothing', async () => {
		const first = hook();
		await activate(first);
		const before = mock.webhooks.forBusiness(1001)[0];
		mock.reset();

		const restart = hook({ staticData: first.staticData });
		expect(await hooks.checkExists.call(restart.context)).toBe(true);

		expect(mock.webhooks.forBusiness(1001)).toEqual([before]);
		expect(posts()).toHaveLength(0);
		expect(deletes()).toHaveLength(0);
	});

	it('replaces a registration of its URL whose secret it does not know', async () => {
		await activate(hook());
		const orphan = mock.webhooks.forBusiness(1001)[0];

		const fresh = hook();
		await activate(fresh);

		const [registration] = mock.webhooks.forBusiness(1001);
		expect(mock.webhooks.forBusiness(1001)).toHaveLength(1);
		expect(registration.id).not.toBe(orphan.id);
		expect(fresh.staticData.payrollRegistration).toMatchObject({ id: registration.id });
	});

	it('leaves registrations of other URLs alone', async () => {
		await activate(hook({ webhookUrl: 'http://127.0.0.1:5678/webhook/other/webhook' }));

		await activate(hook());

		expect(
			mock.webhooks
				.forBusiness(1001)
				.map((r) => r.webHookUri)
				.sort(),
		).toEqual([
			'http://127.0.0.1:5678/webhook/hook-1/webhook',
			'http://127.0.0.1:5678/webhook/other/webhook',
		]);
	});

	it('registers again when its registration was deleted in Payroll', async () => {
		const first = hook();
		await activate(first);
		mock.webhooks.registrations.clear();

		const restart = hook({ staticData: first.staticData });
		expect(await activate(restart)).toBe(true);

		expect(mock.webhooks.forBusiness(1001)).toHaveLength(1);
	});

	it('registers again, without the old registration, when the events changed', async () => {
		const first = hook({ parameters: { events: ['EmployeeUpdated'] } });
		await activate(first);

		const changed = hook({
			staticData: first.staticData,
			parameters: { events: ['EmployeeCreated'] },
		});
		await activate(changed);

		expect(mock.webhooks.forBusiness(1001).map((r) => r.filters)).toEqual([['EmployeeCreated']]);
	});

	it('keeps its stored registration when Payroll is unavailable at start, with a warning', async () => {
		const first = hook();
		await activate(first);
		mock.inject({ method: 'GET', path: /webhookregistrations$/, status: 503, times: 5 });

		const restart = hook({ staticData: first.staticData });
		expect(await hooks.checkExists.call(restart.context)).toBe(true);

		expect(restart.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
			'Employment Hero Payroll unavailable; keeping the stored webhook registration',
		]);
	});

	it('deletes its registration and forgets it on deactivation', async () => {
		const fake = hook();
		await activate(fake);

		expect(await hooks.delete.call(fake.context)).toBe(true);

		expect(mock.webhooks.forBusiness(1001)).toHaveLength(0);
		expect(fake.staticData.payrollRegistration).toBeUndefined();
	});

	it('forgets a registration that Payroll no longer has on deactivation', async () => {
		const fake = hook();
		await activate(fake);
		mock.webhooks.registrations.clear();

		expect(await hooks.delete.call(fake.context)).toBe(true);
		expect(fake.staticData.payrollRegistration).toBeUndefined();
	});

	it('does not throw when it cannot delete, and keeps the registration for the next activation', async () => {
		const fake = hook();
		await activate(fake);
		mock.inject({ method: 'DELETE', path: /webhookregistrations\//, drop: true, times: 5 });

		expect(await hooks.delete.call(fake.context)).toBe(false);

		expect(fake.staticData.payrollRegistration).toBeDefined();
		expect(
			fake.logs.some((l) => l.level === 'warn' && /delete it in Payroll by hand/.test(l.message)),
		).toBe(true);
	});

	it('never logs the secret', async () => {
		const fake = hook();
		await activate(fake);
		await hooks.delete.call(fake.context);

		const secret = mock.requests.map((r) => (r.body as { secret?: string })?.secret).find(Boolean);
		expect(secret).toBeDefined();
		expect(JSON.stringify(fake.logs)).not.toContain(secret);
	});
});

describe('a failed registration fails activation, saying what to fix', () => {
	it.each([
		['no Business ID', { parameters: { businessId: '' } }, /No Business ID/, /Business ID/],
		[
			'a Business ID that is not a number',
			{ parameters: { businessId: 'acme' } },
			/not a number/,
			/Business ID/,
		],
		['a wrong API key', { apiKey: 'wrong-key' }, /rejected the API key/, /API key/],
		[
			'an unknown business',
			{ parameters: { businessId: '4040' } },
			/has no business 4040/,
			/Business ID/,
		],
	])('%s', async (_name, setup, message, description) => {
		const activation = activate(hook(setup));

		await expect(activation).rejects.toThrow(NodeOperationError);
		await expect(activation).rejects.toThrow(message);
		await expect(activation).rejects.toMatchObject({
			description: expect.stringMatching(description),
		});
		expect(posts()).toHaveLength(0);
	});

	it('a registration Payroll refuses, with its reason', async () => {
		mock.inject({
			method: 'POST',
			path: /webhookregistrations$/,
			status: 400,
			body: {
				message: 'The request is invalid.',
				modelState: { 'webHook.WebHookUri': ['The WebHook URI must use HTTPS.'] },
			},
		});

		const activation = activate(hook());

		await expect(activation).rejects.toThrow(
			'Employment Hero Payroll refused the webhook registration (HTTP 400): The WebHook URI must use HTTPS.',
		);
		await expect(activation).rejects.toMatchObject({
			description: expect.stringContaining('WEBHOOK_URL'),
		});
	});

	it('Payroll out of reach', async () => {
		const closed = await startEmploymentHeroMock();
		await closed.close();

		const activation = activate(hook({ payrollUrl: closed.url }));

		await expect(activation).rejects.toThrow(
			`Could not reach Employment Hero Payroll at ${closed.url} while looking up its webhook registrations`,
		);
		await expect(activation).rejects.toMatchObject({
			description: expect.stringMatching(/ECONNREFUSED after 3 attempts.*Base URL/),
		});
	});

	it('a POST that got no answer is not repeated', async () => {
		mock.inject({ method: 'POST', path: /webhookregistrations$/, drop: true });

		await expect(activate(hook())).rejects.toThrow(/Could not reach/);

		expect(posts()).toHaveLength(1);
	});
});
