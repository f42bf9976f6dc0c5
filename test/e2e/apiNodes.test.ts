import { randomUUID } from 'crypto';

import { deliver } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import {
	connectWithPkce,
	hrId,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
} from '../mocks/employmentHeroApi';
import { branchWorkflow } from './branchWorkflow';
import {
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type CredentialJson,
	type N8nInstance,
	type NodeJson,
	type Sink,
	type WorkflowJson,
} from './harness';

const ORG = hrId('org', 1);
const EMPLOYEE = hrId('emp', 1);
const BUSINESS = 1001;
const PAYROLL_EMPLOYEE = 100001;
const HR_WEBHOOK = 'eh-api-nodes-hr';
const PAYROLL_WEBHOOK = 'eh-api-nodes-payroll';

/**
 * Trigger -> API node getting the trigger item's employee, whose `Found` output goes to
 * `<sink>/<prefix>/found` and `Not Found` to `<sink>/<prefix>/notFound`.
 */
function fetchWorkflow(options: {
	id: string;
	webhookId: string;
	prefix: string;
	node: Pick<NodeJson, 'name' | 'type' | 'credentials'>;
	sinkUrl: string;
}): WorkflowJson {
	return branchWorkflow({
		id: options.id,
		webhookId: options.webhookId,
		sinkUrl: options.sinkUrl,
		node: {
			...options.node,
			typeVersion: 1,
			parameters: { resource: 'employee', operation: 'get' },
		},
		outputs: [
			{ name: 'Found', path: `${options.prefix}/found` },
			{ name: 'Missing', path: `${options.prefix}/notFound` },
		],
	});
}

/** An HR single event, as the trigger reads it without configuration. */
function hrEvent(employeeId: string): string {
	return JSON.stringify({
		id: `evt-${randomUUID()}`,
		event: 'EmployeeUpdated',
		data: { id: employeeId, organisation_id: ORG },
	});
}

/** A Payroll work item with one notification. */
function payrollEvent(employeeId: number): string {
	return JSON.stringify({
		Id: `wi-${randomUUID()}`,
		Attempt: 1,
		Properties: {},
		Notifications: [{ Action: 'EmployeeUpdated', Id: employeeId, businessId: BUSINESS }],
	});
}

describe.each(N8N_VERSIONS)('Employment Hero API nodes on n8n %s', (version) => {
	let mock: EmploymentHeroMock;
	let sink: Sink;
	let n8n: N8nInstance;

	/** Delivers one event and returns what reached the sink for it. */
	async function run(webhookId: string, body: string) {
		sink.reset();
		const answer = await deliver(n8n.webhookUrl(webhookId), body, { secret: TEST_SECRET });
		// The answer's body belongs to the trigger's tests; here only that the delivery got in.
		expect({ status: answer.status, text: answer.text }).toMatchObject({ status: 200 });
		const [request] = await sink.waitForCount(1);
		return { path: request.path, item: (request.body as { item: Record<string, unknown> }).item };
	}

	beforeAll(async () => {
		mock = await startEmploymentHeroMock();
		sink = await startSink();
		const tokens = await connectWithPkce(mock);

		const credentials: CredentialJson[] = [
			webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
			{
				id: 'ehOAuth',
				name: 'ehOAuth',
				type: 'employmentHeroOAuth2Api',
				data: {
					grantType: 'pkce',
					clientId: mock.client.clientId,
					clientSecret: mock.client.clientSecret,
					authUrl: mock.authorizeUrl,
					accessTokenUrl: mock.tokenUrl,
					authentication: 'body',
					scope: '',
					baseUrl: mock.url,
					oauthTokenData: tokens,
				},
			},
			{
				id: 'ehPayroll',
				name: 'ehPayroll',
				type: 'employmentHeroPayrollApi',
				data: { apiKey: mock.payrollApiKey, region: 'custom', baseUrl: mock.url },
			},
		];
		const workflows = [
			fetchWorkflow({
				id: 'ehApiNodesHr',
				webhookId: HR_WEBHOOK,
				prefix: 'hr',
				sinkUrl: sink.url,
				node: {
					name: 'Employment Hero',
					type: 'n8n-nodes-employment-hero.employmentHero',
					credentials: { employmentHeroOAuth2Api: { id: 'ehOAuth', name: 'ehOAuth' } },
				},
			}),
			fetchWorkflow({
				id: 'ehApiNodesPayroll',
				webhookId: PAYROLL_WEBHOOK,
				prefix: 'payroll',
				sinkUrl: sink.url,
				node: {
					name: 'Employment Hero Payroll',
					type: 'n8n-nodes-employment-hero.employmentHeroPayroll',
					credentials: { employmentHeroPayrollApi: { id: 'ehPayroll', name: 'ehPayroll' } },
				},
			}),
		];
		n8n = await startN8n({ version, credentials, workflows });
	}, 240_000);

	afterAll(async () => await mock?.close());

	it('hands the changed HR employee, fetched by id, to the next node', async () => {
		const { path, item } = await run(HR_WEBHOOK, hrEvent(EMPLOYEE));

		expect(path).toBe('/hr/found');
		expect(item).toEqual(mock.data.hrEmployees.get(ORG)!.get(EMPLOYEE));
	}, 60_000);

	it('sends an HR employee that 404s to Not Found', async () => {
		const { path, item } = await run(HR_WEBHOOK, hrEvent('deleted-employee'));

		expect(path).toBe('/hr/notFound');
		expect(item).toEqual({ entityId: 'deleted-employee', action: 'delete', reason: 'notFound' });
	}, 60_000);

	it('renews an expired access token unnoticed, and keeps the new one', async () => {
		const refreshesBefore = mock.oauth.stats.refreshes;
		mock.oauth.expireAccessTokens();

		const first = await run(HR_WEBHOOK, hrEvent(EMPLOYEE));
		const second = await run(HR_WEBHOOK, hrEvent(EMPLOYEE));

		expect(first.path).toBe('/hr/found');
		expect(second.path).toBe('/hr/found');
		expect(mock.oauth.stats.refreshes).toBe(refreshesBefore + 1);

		// Refresh tokens rotate: a second expiry only recovers if n8n stored the new refresh token.
		mock.oauth.expireAccessTokens();
		const third = await run(HR_WEBHOOK, hrEvent(EMPLOYEE));

		expect(third.path).toBe('/hr/found');
		expect(mock.oauth.stats.refreshes).toBe(refreshesBefore + 2);
	}, 90_000);

	it('hands the changed Payroll employee to the next node', async () => {
		const { path, item } = await run(PAYROLL_WEBHOOK, payrollEvent(PAYROLL_EMPLOYEE));

		expect(path).toBe('/payroll/found');
		expect(item).toEqual(
			mock.data.payrollEmployees.get(String(BUSINESS))!.get(String(PAYROLL_EMPLOYEE)),
		);
	}, 60_000);

	it('sends a Payroll employee that 404s to Not Found', async () => {
		const { path, item } = await run(PAYROLL_WEBHOOK, payrollEvent(999));

		expect(path).toBe('/payroll/notFound');
		expect(item).toEqual({ entityId: '999', action: 'delete', reason: 'notFound' });
	}, 60_000);
});
