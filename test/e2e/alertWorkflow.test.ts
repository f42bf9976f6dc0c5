import { deliver, workItem } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import {
	alertWorkflow,
	alertWorkflowCredentialId,
	failingWorkflow,
} from './alert/alertWorkflow';
import {
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
} from './harness';
import { connectN8nApiCredential, createApiKey, n8nApiCredential } from './harness/apiKey';
import { setUpOwner } from './setup/ownerSession';

/** The alert as Build Alert makes it and Send Alert posts it. */
interface Alert {
	text: string;
	eventIds: string[];
	events: Array<Record<string, unknown>>;
	workflow: { id: string; name: string };
	executionId: string;
	executionUrl: string;
	failedNode: string;
	error: string;
	lookupError: string | null;
}

const FAILING_NODE = 'Upsert Employee';
const FAILURE = 'Payroll database refused the upsert';
// Ids of at most 16 characters: n8n 1.x saves no static data for longer workflow ids.
const MONITORED = { id: 'ehAlertMonitored', hook: 'eh-e2e-alert' };
const MONITORED_BAD_KEY = { id: 'ehAlertBadKeyMon', hook: 'eh-e2e-alert-bad-key' };
const BAD_KEY_ALERT_ID = 'ehAlertBadKey';
const BAD_KEY_CREDENTIAL = 'ehN8nApiBadKey';
/** Long enough for a second, wrongly sent alert to arrive. */
const QUIET_MS = 3000;

jest.setTimeout(180_000);

describe.each(N8N_VERSIONS)('Alert workflow example in n8n %s', (version) => {
	let n8n: N8nInstance;
	let sink: Sink;
	const alertCredential = alertWorkflowCredentialId();

	/** Alerts about one monitored workflow; waits until `count` have arrived. */
	async function alertsFor(workflowId: string, count: number, timeoutMs = 60_000) {
		const about = () =>
			sink
				.received()
				.map((request) => request.body as Alert)
				.filter((alert) => alert?.workflow?.id === workflowId);
		const deadline = Date.now() + timeoutMs;
		while (about().length < count) {
			if (Date.now() > deadline) {
				throw new Error(`Got ${about().length} of ${count} alerts.\n${n8n.logs().slice(-4000)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		await sink.settle(QUIET_MS);
		return about();
	}

	beforeAll(async () => {
		sink = await startSink();
		const alert = alertWorkflow({ version, alertUrl: sink.url });
		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehSecret', secret: TEST_SECRET }),
				n8nApiCredential(alertCredential),
				n8nApiCredential(BAD_KEY_CREDENTIAL),
			],
			workflows: [
				alert,
				alertWorkflow({
					version,
					alertUrl: sink.url,
					id: BAD_KEY_ALERT_ID,
					n8nApiCredentialId: BAD_KEY_CREDENTIAL,
				}),
				failingWorkflow({
					id: MONITORED.id,
					webhookId: MONITORED.hook,
					credentialId: 'ehSecret',
					errorWorkflowId: alert.id,
					failingNodeName: FAILING_NODE,
					errorMessage: FAILURE,
				}),
				failingWorkflow({
					id: MONITORED_BAD_KEY.id,
					webhookId: MONITORED_BAD_KEY.hook,
					credentialId: 'ehSecret',
					errorWorkflowId: BAD_KEY_ALERT_ID,
					failingNodeName: FAILING_NODE,
					errorMessage: FAILURE,
				}),
			],
		});

		const owner = await setUpOwner(n8n.baseUrl);
		const apiKey = await createApiKey(n8n.baseUrl, owner.cookie);
		const apiBaseUrl = `${n8n.baseUrl}/api/v1`;
		await connectN8nApiCredential(n8n.baseUrl, owner.cookie, {
			id: alertCredential,
			apiKey,
			apiBaseUrl,
		});
		await connectN8nApiCredential(n8n.baseUrl, owner.cookie, {
			id: BAD_KEY_CREDENTIAL,
			apiKey: 'not-an-n8n-api-key',
			apiBaseUrl,
		});
	}, 240_000);

	it('alerts once with the event id, both entities, the node, the error and a link', async () => {
		const answer = await deliver(
			n8n.webhookUrl(MONITORED.hook),
			workItem('wi-alert', [
				['EmployeeUpdated', 501],
				['EmployeeCreated', '502'],
			]),
		);

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ status: 'accepted', eventId: 'wi-alert', items: 2 });
		const alerts = await alertsFor(MONITORED.id, 1);
		expect(alerts).toHaveLength(1);
		const [alert] = alerts;
		expect(alert.eventIds).toEqual(['wi-alert']);
		expect(alert.events).toEqual([
			{
				eventId: 'wi-alert',
				eventType: 'EmployeeUpdated',
				entityType: 'Employee',
				entityId: '501',
				action: 'upsert',
			},
			{
				eventId: 'wi-alert',
				eventType: 'EmployeeCreated',
				entityType: 'Employee',
				entityId: '502',
				action: 'upsert',
			},
		]);
		expect(alert.workflow).toEqual({ id: MONITORED.id, name: MONITORED.id });
		expect(alert.failedNode).toBe(FAILING_NODE);
		expect(alert.error).toContain(FAILURE);
		expect(alert.lookupError).toBeNull();
		expect(alert.executionUrl).toBe(
			`${n8n.baseUrl}/workflow/${MONITORED.id}/executions/${alert.executionId}`,
		);
		for (const part of ['wi-alert', 'EmployeeCreated Employee 502', FAILING_NODE, FAILURE]) {
			expect(alert.text).toContain(part);
		}
		expect(alert.text).toContain(alert.executionUrl);
	});

	it('still alerts when the execution cannot be looked up, and says so', async () => {
		const answer = await deliver(
			n8n.webhookUrl(MONITORED_BAD_KEY.hook),
			workItem('wi-alert-bad-key', [['EmployeeUpdated', 601]]),
		);

		expect(answer.body).toEqual({ status: 'accepted', eventId: 'wi-alert-bad-key', items: 1 });
		const alerts = await alertsFor(MONITORED_BAD_KEY.id, 1);
		expect(alerts).toHaveLength(1);
		const [alert] = alerts;
		expect(alert.eventIds).toEqual([]);
		expect(alert.events).toEqual([]);
		expect(alert.lookupError).toEqual(expect.any(String));
		expect(alert.text).toContain('event ids could not be looked up');
		expect(alert.failedNode).toBe(FAILING_NODE);
		expect(alert.error).toContain(FAILURE);
		expect(alert.executionUrl).toContain(`/executions/${alert.executionId}`);
	});
});
