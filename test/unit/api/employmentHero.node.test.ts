import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, runtime } from '../../../nodes/shared/api';
import {
	ALL_SCOPES,
	connectWithPkce,
	defaultData,
	hrId,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
	type TokenSet,
} from '../../mocks/employmentHeroApi';
import { failureOf, hrNode, triggerItem } from './helpers/contexts';

const ORG = hrId('org', 1);
const EMPLOYEE = hrId('emp', 1);
const employeePath = (id: string) => `/api/v1/organisations/${ORG}/employees/${id}`;

describe('Employment Hero node', () => {
	let mock: EmploymentHeroMock;
	let tokens: TokenSet;
	let slept: number[];

	beforeEach(async () => {
		mock = await startEmploymentHeroMock({ data: defaultData({ hrEmployeeCount: 250 }) });
		tokens = await connectWithPkce(mock);
		mock.reset();
		slept = [];
		jest.spyOn(runtime, 'sleep').mockImplementation(async (ms) => {
			slept.push(ms);
		});
	});

	afterEach(async () => {
		jest.restoreAllMocks();
		await mock.close();
	});

	const getEmployee = (items = [triggerItem(ORG, EMPLOYEE)], continueOnFail = false) =>
		hrNode(mock, tokens, {
			parameters: { resource: 'employee', operation: 'get' },
			items,
			continueOnFail,
		});

	describe('employee get', () => {
		it('returns the employee without its envelope, using the trigger item fields', async () => {
			const [found, notFound] = await getEmployee().run();

			expect(found).toEqual([
				{ json: mock.data.hrEmployees.get(ORG)!.get(EMPLOYEE), pairedItem: { item: 0 } },
			]);
			expect(notFound).toEqual([]);
		});

		it('sends a deleted employee to Not Found once, without retrying', async () => {
			const [found, notFound] = await getEmployee([triggerItem(ORG, 'gone')]).run();

			expect(found).toEqual([]);
			expect(notFound).toEqual([
				{
					json: { entityId: 'gone', action: 'delete', reason: 'notFound' },
					pairedItem: { item: 0 },
				},
			]);
			expect(mock.requests.filter((r) => r.path === employeePath('gone'))).toHaveLength(1);
		});

		it('pairs every output item with its input in a mixed batch', async () => {
			const other = hrId('emp', 2);
			const items = [triggerItem(ORG, EMPLOYEE), triggerItem(ORG, 'gone'), triggerItem(ORG, other)];

			const [found, notFound] = await getEmployee(items).run();

			expect(found.map((i) => [i.json.id, i.pairedItem])).toEqual([
				[EMPLOYEE, { item: 0 }],
				[other, { item: 2 }],
			]);
			expect(notFound.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		});

		it('keeps an ID with slashes inside its path segment', async () => {
			const [, notFound] = await getEmployee([triggerItem(ORG, '../../../organisations')]).run();

			expect(notFound).toHaveLength(1);
			expect(mock.requests.map((r) => r.path)).toEqual([
				`/api/v1/organisations/${ORG}/employees/..%2F..%2F..%2Forganisations`,
			]);
		});

		it('refuses an item without an employee ID, naming the parameter', async () => {
			const run = getEmployee([{ organisationId: ORG }]).run();

			await expect(run).rejects.toThrow(NodeOperationError);
			await expect(run).rejects.toThrow('Employee ID is empty');
			expect(mock.requests).toHaveLength(0);
		});
	});

	describe('access token', () => {
		it('renews an expired access token once and carries on', async () => {
			mock.oauth.expireAccessTokens();
			const node = getEmployee();

			const [found] = await node.run();

			expect(found).toHaveLength(1);
			expect(node.calls.refreshes).toBe(1);
			expect(mock.oauth.stats.refreshes).toBe(1);
			expect(node.credentials.employmentHeroOAuth2Api.oauthTokenData).not.toMatchObject({
				access_token: tokens.access_token,
			});
			expect(mock.requests.filter((r) => r.path === employeePath(EMPLOYEE))).toHaveLength(2);
		});

		it('asks to reconnect when the refresh token was revoked', async () => {
			mock.oauth.expireAccessTokens();
			mock.oauth.revokeRefreshTokens();

			const error = await failureOf(getEmployee().run());

			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe('Could not renew the Employment Hero access token');
			expect(error.description).toMatch(/^Reconnect the Employment Hero OAuth2 API credential/);
		});

		it('names the scopes when the app lacks one', async () => {
			tokens = mock.oauth.issueTokens(ALL_SCOPES.filter((s) => !s.includes('employees')));

			const error = await failureOf(getEmployee().run());

			expect(error.httpCode).toBe('403');
			expect(error.description).toContain('urn:mainapp:employees:read');
		});
	});

	describe('retries', () => {
		it('waits out a 429 as Retry-After asks, then succeeds', async () => {
			mock.inject({ path: employeePath(EMPLOYEE), status: 429, headers: { 'retry-after': '3' } });

			const [found] = await getEmployee().run();

			expect(found).toHaveLength(1);
			expect(slept).toHaveLength(1);
			expect(slept[0]).toBeGreaterThanOrEqual(3000);
		});

		it('retries 500s with backoff, then succeeds', async () => {
			mock.inject({ path: employeePath(EMPLOYEE), status: 500, body: { message: 'x' }, times: 2 });

			const [found] = await getEmployee().run();

			expect(found).toHaveLength(1);
			expect(slept).toHaveLength(2);
			expect(slept[1]).toBeGreaterThanOrEqual(slept[0]);
		});

		it('retries a request that timed out', async () => {
			jest.replaceProperty(DEFAULT_RETRY_POLICY, 'timeoutMs', 200);
			mock.inject({ path: employeePath(EMPLOYEE), delayMs: 1000 });

			const [found] = await getEmployee().run();

			expect(found).toHaveLength(1);
			expect(slept).toHaveLength(1);
		});

		it('gives up on a lasting outage with an error that says so', async () => {
			mock.inject({ path: employeePath(EMPLOYEE), status: 503, times: 100 });

			const error = await failureOf(getEmployee().run());

			expect(error.message).toBe('Employment Hero failed to answer (HTTP 503)');
			expect(error.context.itemIndex).toBe(0);
			expect(mock.requests).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
		});

		it('with Continue On Fail, turns a failed item into an error item and goes on', async () => {
			mock.inject({ path: employeePath(EMPLOYEE), status: 503, times: 100 });
			const other = hrId('emp', 2);

			const [found] = await getEmployee(
				[triggerItem(ORG, EMPLOYEE), triggerItem(ORG, other)],
				true,
			).run();

			expect(found).toEqual([
				{
					json: { error: 'Employment Hero failed to answer (HTTP 503)' },
					pairedItem: { item: 0 },
				},
				expect.objectContaining({ pairedItem: { item: 1 } }),
			]);
		});

		it('reports an answer that is not the API envelope', async () => {
			mock.inject({ path: employeePath(EMPLOYEE), status: 200, body: '<html>login</html>' });

			await expect(getEmployee().run()).rejects.toThrow('Unexpected answer from Employment Hero');
		});
	});

	describe('get many', () => {
		it('returns every employee, 100 per page', async () => {
			const node = hrNode(mock, tokens, {
				parameters: { resource: 'employee', operation: 'getAll', returnAll: true },
				items: [triggerItem(ORG, EMPLOYEE)],
			});

			const [found] = await node.run();

			expect(found).toHaveLength(250);
			expect(found[0].pairedItem).toEqual({ item: 0 });
			expect(mock.requests.map((r) => r.query)).toEqual([
				{ page_index: '1', item_per_page: '100' },
				{ page_index: '2', item_per_page: '100' },
				{ page_index: '3', item_per_page: '100' },
			]);
		});

		it('asks for no more than the limit', async () => {
			const node = hrNode(mock, tokens, {
				parameters: { resource: 'employee', operation: 'getAll', returnAll: false, limit: 30 },
				items: [triggerItem(ORG, EMPLOYEE)],
			});

			const [found] = await node.run();

			expect(found).toHaveLength(30);
			expect(mock.requests).toHaveLength(1);
		});

		it('fails with a hint when the organisation does not exist', async () => {
			const node = hrNode(mock, tokens, {
				parameters: { resource: 'employee', operation: 'getAll', returnAll: true },
				items: [triggerItem('nope', EMPLOYEE)],
			});

			const error = await failureOf(node.run());

			expect(error.httpCode).toBe('404');
			expect(error.description).toContain('Check the Organisation ID');
		});

		it('lists organisations', async () => {
			const node = hrNode(mock, tokens, {
				parameters: { resource: 'organisation', operation: 'getAll', returnAll: true },
			});

			const [found] = await node.run();

			expect(found.map((i) => i.json.id)).toEqual([...mock.data.organisations.keys()]);
		});
	});
});
