import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import {
	generateSecret,
	registeredSecrets,
} from '../../../nodes/EmploymentHeroTrigger/registration/secrets';
import { filtersFor } from '../../../nodes/EmploymentHeroTrigger/registration/settings';

function webhookContext(parameters: IDataObject, staticData: IDataObject = {}) {
	return {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
	} as unknown as IWebhookFunctions;
}

const stored = {
	payrollRegistration: {
		id: 'reg-1',
		url: 'http://127.0.0.1:5678/webhook/hook-1/webhook',
		baseUrl: 'http://127.0.0.1:9999',
		businessId: '1001',
		filters: ['*'],
		secret: 'a'.repeat(64),
		createdAt: '2026-01-01T00:00:00.000Z',
	},
};

describe('registeredSecrets', () => {
	it('leaves the secret to the credential when registered by hand', () => {
		expect(registeredSecrets(webhookContext({ registration: 'manual' }, stored))).toBeUndefined();
		expect(registeredSecrets(webhookContext({}, stored))).toBeUndefined();
	});

	it('gives the stored secret when the trigger registered itself', () => {
		const context = webhookContext({ registration: 'payrollApi' }, stored);
		expect(registeredSecrets(context)).toEqual({ secret: 'a'.repeat(64) });
	});

	it('gives no secret, so that every delivery is rejected, when nothing is stored', () => {
		expect(registeredSecrets(webhookContext({ registration: 'payrollApi' }))).toEqual({});
	});

	it('gives no secret for a stored registration in an unexpected shape', () => {
		const broken = { payrollRegistration: { ...stored.payrollRegistration, secret: 42 } };
		expect(registeredSecrets(webhookContext({ registration: 'payrollApi' }, broken))).toEqual({});
	});
});

describe('generateSecret', () => {
	it('makes 64 hex characters, different each time', () => {
		const [a, b] = [generateSecret(), generateSecret()];
		expect(a).toMatch(/^[0-9a-f]{64}$/);
		expect(a).not.toBe(b);
	});
});

describe('filtersFor', () => {
	it.each([
		[['*'], ['*']],
		[[], ['*']],
		[undefined, ['*']],
		[['EmployeeUpdated', '*'], ['*']],
		[
			['EmployeeUpdated', 'EmployeeCreated', 'EmployeeUpdated'],
			['EmployeeCreated', 'EmployeeUpdated'],
		],
		['EmployeeUpdated, LeaveRequestCreated', ['EmployeeUpdated', 'LeaveRequestCreated']],
	])('reads %j as the filters %j', (events, filters) => {
		expect(filtersFor(events)).toEqual(filters);
	});
});
