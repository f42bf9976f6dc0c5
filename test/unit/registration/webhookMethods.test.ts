import { triggerWebhookMethods as methods } from '../../../nodes/EmploymentHeroTrigger/registration/webhookMethods';
import { startEmploymentHeroMock, type EmploymentHeroMock } from '../../mocks/employmentHeroApi';
import { fakeHookContext } from './support/hookContext';

let mock: EmploymentHeroMock;

beforeAll(async () => {
	mock = await startEmploymentHeroMock({ payrollRateLimit: false });
});
afterAll(async () => await mock.close());
beforeEach(() => {
	mock.reset();
	mock.webhooks.registrations.clear();
});

describe("the trigger's webhook hooks", () => {
	it('registered by hand, call nothing at Payroll and behave as the dedupe hooks', async () => {
		const { context } = fakeHookContext({
			payrollUrl: mock.url,
			parameters: { registration: 'manual' },
		});

		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);
		expect(await methods.delete.call(context)).toBe(true);

		expect(mock.requests).toHaveLength(0);
	});

	it('without a Registration parameter (workflows saved before it existed), call nothing at Payroll', async () => {
		const { context } = fakeHookContext({
			payrollUrl: mock.url,
			parameters: { registration: undefined },
		});

		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);

		expect(mock.requests).toHaveLength(0);
	});

	it('check the dedupe settings before registering anything', async () => {
		const { context } = fakeHookContext({
			payrollUrl: mock.url,
			parameters: { dedupeStore: 'postgres', tableName: 'events; DROP TABLE x' },
		});

		await expect(methods.create.call(context)).rejects.toThrow(/table name/i);

		expect(mock.webhooks.forBusiness(1001)).toHaveLength(0);
	});

	it('register on create and delete on delete when Registration is automatic', async () => {
		const { context, staticData } = fakeHookContext({ payrollUrl: mock.url });

		expect(await methods.checkExists.call(context)).toBe(false);
		expect(await methods.create.call(context)).toBe(true);
		expect(mock.webhooks.forBusiness(1001)).toHaveLength(1);
		expect(await methods.checkExists.call(context)).toBe(true);

		expect(await methods.delete.call(context)).toBe(true);
		expect(mock.webhooks.forBusiness(1001)).toHaveLength(0);
		expect(staticData).toEqual({});
	});
});
