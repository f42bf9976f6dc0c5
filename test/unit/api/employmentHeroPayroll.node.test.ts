import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import {
	PAYROLL_REGION_BASE_URLS,
} from '../../../credentials/EmploymentHeroPayrollApi.credentials';
import { payrollBaseUrl } from '../../../nodes/EmploymentHeroPayroll/transport/baseUrl';
import { runtime } from '../../../nodes/shared/api';
import {
	defaultData,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
	type RecordedRequest,
} from '../../mocks/employmentHeroApi';
import { failureOf, payrollNode, triggerItem } from './helpers/contexts';

const BUSINESS = '1001';
const EMPLOYEE = '100001';
const employeePath = (id: string) => `/api/v2/business/${BUSINESS}/employee/unstructured/${id}`;

/** Most requests that arrived within any one second. */
function busiestSecond(requests: RecordedRequest[]): number {
	const within = (first: RecordedRequest) =>
		requests.filter((r) => r.at >= first.at && r.at < first.at + 1000).length;
	return Math.max(...requests.map(within));
}

describe('Employment Hero Payroll node', () => {
	let mock: EmploymentHeroMock;

	beforeEach(async () => {
		mock = await startEmploymentHeroMock({ data: defaultData({ payrollEmployeeCount: 1000 }) });
	});

	afterEach(async () => {
		jest.restoreAllMocks();
		await mock.close();
	});

	const getEmployee = (items = [triggerItem(BUSINESS, EMPLOYEE)], apiKey?: string) =>
		payrollNode(mock, { parameters: { resource: 'employee', operation: 'get' }, items, apiKey });

	describe('employee get', () => {
		it('returns the bare employee, signed with the API key as Basic user', async () => {
			const [found, notFound] = await getEmployee().run();

			expect(found).toEqual([
				{
					json: mock.data.payrollEmployees.get(BUSINESS)!.get(EMPLOYEE),
					pairedItem: { item: 0 },
				},
			]);
			expect(notFound).toEqual([]);
			expect(mock.requests[0].authorization).toBe('basic');
		});

		it('sends a deleted employee to Not Found once, without retrying', async () => {
			const [found, notFound] = await getEmployee([triggerItem(BUSINESS, '999')]).run();

			expect(found).toEqual([]);
			expect(notFound).toEqual([
				{
					json: { entityId: '999', action: 'delete', reason: 'notFound' },
					pairedItem: { item: 0 },
				},
			]);
			expect(mock.requests).toHaveLength(1);
		});

		it('accepts a numeric employee ID', async () => {
			const [found] = await getEmployee([{ organisationId: 1001, entityId: 100002 }]).run();

			expect(found[0].json.id).toBe(100002);
		});

		it('explains a rejected API key in terms of key and region', async () => {
			const error = await failureOf(getEmployee(undefined, 'wrong-key').run());

			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('401');
			expect(error.description).toContain('region');
			expect(mock.requests).toHaveLength(1);
		});

		it('honours a 429 from the server before trying again', async () => {
			const slept: number[] = [];
			jest.spyOn(runtime, 'sleep').mockImplementation(async (ms) => {
				slept.push(ms);
			});
			mock.inject({ path: employeePath(EMPLOYEE), status: 429, headers: { 'retry-after': '2' } });

			const [found] = await getEmployee().run();

			expect(found).toHaveLength(1);
			expect(slept.some((ms) => ms >= 2000)).toBe(true);
		});

		it('keeps many items for one business under 5 requests a second', async () => {
			const items = Array.from({ length: 8 }, (_, i) => triggerItem(BUSINESS, String(100001 + i)));

			const [found] = await getEmployee(items).run();

			expect(found).toHaveLength(8);
			expect(mock.payroll.stats.rateLimited).toBe(0);
			expect(busiestSecond(mock.requests)).toBeLessThanOrEqual(5);
		});
	});

	describe('get many', () => {
		it('pages with $top and $skip and stays under 5 requests a second', async () => {
			const node = payrollNode(mock, {
				parameters: { resource: 'employee', operation: 'getAll', returnAll: true },
				items: [triggerItem(BUSINESS, EMPLOYEE)],
			});

			const [found] = await node.run();

			expect(found).toHaveLength(1000);
			expect(mock.requests.slice(0, 2).map((r) => r.query)).toEqual([
				{ $top: '100', $skip: '0' },
				{ $top: '100', $skip: '100' },
			]);
			expect(mock.payroll.stats.rateLimited).toBe(0);
			expect(busiestSecond(mock.requests)).toBeLessThanOrEqual(5);
		}, 15_000);

		it('asks for no more than the limit', async () => {
			const node = payrollNode(mock, {
				parameters: { resource: 'employee', operation: 'getAll', returnAll: false, limit: 7 },
				items: [triggerItem(BUSINESS, EMPLOYEE)],
			});

			const [found] = await node.run();

			expect(found).toHaveLength(7);
			expect(mock.requests.map((r) => r.query)).toEqual([{ $top: '7', $skip: '0' }]);
		});
	});
});

describe('payrollBaseUrl', () => {
	const node = { name: 'Payroll' } as INode;

	it.each(Object.entries(PAYROLL_REGION_BASE_URLS))('uses the %s address', (region, url) => {
		expect(payrollBaseUrl(node, { region, baseUrl: 'http://ignored' }, 0)).toBe(url);
	});

	it.each(['sg', 'custom'])('uses the Base URL for %s, without trailing slash', (region) => {
		expect(payrollBaseUrl(node, { region, baseUrl: 'https://payroll.example.com/' }, 0)).toBe(
			'https://payroll.example.com',
		);
	});

	it('refuses a Singapore credential without a Base URL', () => {
		expect(() => payrollBaseUrl(node, { region: 'sg', baseUrl: '' }, 0)).toThrow(
			NodeOperationError,
		);
	});
});
