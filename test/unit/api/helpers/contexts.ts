import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { EmploymentHero } from '../../../../nodes/EmploymentHero/EmploymentHero.node';
import {
	EmploymentHeroPayroll,
} from '../../../../nodes/EmploymentHeroPayroll/EmploymentHeroPayroll.node';
import type { EmploymentHeroMock, TokenSet } from '../../../mocks/employmentHeroApi';
import { fakeExecuteFunctions, type FakeContext } from './fakeExecuteFunctions';

export interface RunOptions {
	parameters: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
}

/** The HR node wired to the mock through an OAuth2 credential holding `tokens`. */
export function hrNode(mock: EmploymentHeroMock, tokens: TokenSet, options: RunOptions) {
	const node = new EmploymentHero();
	const fake = fakeExecuteFunctions({
		description: node.description,
		...options,
		credentials: {
			employmentHeroOAuth2Api: {
				baseUrl: mock.url,
				accessTokenUrl: mock.tokenUrl,
				clientId: mock.client.clientId,
				clientSecret: mock.client.clientSecret,
				oauthTokenData: { ...tokens },
			},
		},
	});
	return { ...fake, run: async () => await node.execute.call(fake.context) };
}

/** The Payroll node wired to the mock through a `custom` region credential. */
export function payrollNode(
	mock: EmploymentHeroMock,
	options: RunOptions & { apiKey?: string },
): FakeContext & { run: () => ReturnType<EmploymentHeroPayroll['execute']> } {
	const node = new EmploymentHeroPayroll();
	const fake = fakeExecuteFunctions({
		description: node.description,
		...options,
		credentials: {
			employmentHeroPayrollApi: {
				apiKey: options.apiKey ?? mock.payrollApiKey,
				region: 'custom',
				baseUrl: mock.url,
			},
		},
	});
	return { ...fake, run: async () => await node.execute.call(fake.context) };
}

/** A trigger item as the Employment Hero Trigger emits it, for the fields these nodes read. */
export function triggerItem(organisationId: string, entityId: string): IDataObject {
	return {
		eventId: 'evt-1',
		eventType: 'EmployeeUpdated',
		entityType: 'Employee',
		entityId,
		organisationId,
		action: 'upsert',
	};
}

/** The error a run fails with; fails the test when the run succeeds. */
export async function failureOf(run: Promise<unknown>): Promise<NodeApiError> {
	try {
		await run;
	} catch (error) {
		return error as NodeApiError;
	}
	throw new Error('expected the run to fail');
}
