import { deliver, workItem, type Answer } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import { alertWorkflow, alertWorkflowCredentialId } from './alert/alertWorkflow';
import { withReleaseBranch } from './alert/releaseBranch';
import {
	handoffWorkflow,
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type N8nInstance,
	type Sink,
} from './harness';
import { connectN8nApiCredential, createApiKey, n8nApiCredential } from './harness/apiKey';
import { postgresCredential, testSchema } from './postgresSchema';
import { setUpOwner } from './setup/ownerSession';

// Ids of at most 16 characters: n8n 1.x saves no static data for longer workflow ids.
const ALERT_ID = 'ehAlertRelease';
const MONITORED = { id: 'ehReleaseMon', hook: 'eh-e2e-release' };
/** Long enough for a wrongly repeated run or alert to show up. */
const QUIET_MS = 3_000;

jest.setTimeout(180_000);

function statusOf(answer: Answer): string {
	return `${answer.status} ${String(answer.body?.status)}`;
}

describe.each(N8N_VERSIONS)('alert and release of a failed run in n8n %s', (version) => {
	const schema = testSchema('eh_e2e_release');
	const tableName = `${schema.name}.ledger`;
	let alerts: Sink;
	let work: Sink;
	let n8n: N8nInstance;

	const rowOf = async (eventId: string) =>
		(
			await schema.query(`SELECT status, claims, error FROM ${tableName} WHERE event_id = $1`, [
				eventId,
			])
		).rows[0] as { status: string; claims: number; error: string | null } | undefined;

	async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
		for (let tries = 0; tries < 600; tries++) {
			const found = await probe();
			if (found !== undefined) return found;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		throw new Error(`Gave up waiting for ${what}.\n${n8n.logs().slice(-4000)}`);
	}

	beforeAll(async () => {
		await schema.create();
		alerts = await startSink();
		work = await startSink();
		const alert = withReleaseBranch(
			alertWorkflow({ version, alertUrl: alerts.url, id: ALERT_ID }),
			{ tableName, postgresCredentialId: 'ehPg' },
		);
		const monitored = handoffWorkflow({
			id: MONITORED.id,
			name: MONITORED.id,
			webhookId: MONITORED.hook,
			credentialId: 'ehWebhook',
			postgresCredentialId: 'ehPg',
			sinkUrl: work.url,
			triggerParameters: { dedupeStore: 'postgres', tableName },
		});
		monitored.settings = { ...monitored.settings, errorWorkflow: ALERT_ID };

		n8n = await startN8n({
			version,
			credentials: [
				webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				postgresCredential('ehPg', { maxConnections: 10 }),
				n8nApiCredential(alertWorkflowCredentialId()),
			],
			workflows: [alert, monitored],
		});
		const owner = await setUpOwner(n8n.baseUrl);
		await connectN8nApiCredential(n8n.baseUrl, owner.cookie, {
			id: alertWorkflowCredentialId(),
			apiKey: await createApiKey(n8n.baseUrl, owner.cookie),
			apiBaseUrl: `${n8n.baseUrl}/api/v1`,
		});
	}, 240_000);

	afterAll(async () => await schema.drop());

	it('alerts with the event id, marks it failed, and runs the redelivery exactly once', async () => {
		const url = n8n.webhookUrl(MONITORED.hook);
		const eventId = `wi-release-${schema.name}`;
		const body = workItem(eventId, [['EmployeeUpdated', 701]]);

		work.answerWith(500);
		expect(statusOf(await deliver(url, body))).toBe('200 accepted');
		const alert = await until('the alert', async () => alerts.received()[0]?.body);
		expect(alert).toMatchObject({ eventIds: [eventId], failedNode: 'Forward To Sink' });
		const failed = await until('the ledger to mark the run failed', async () => {
			const row = await rowOf(eventId);
			return row?.status === 'failed' ? row : undefined;
		});
		expect(failed).toMatchObject({ claims: 1, error: expect.any(String) });

		work.answerWith(200);
		expect(statusOf(await deliver(url, body))).toBe('200 accepted');
		await until('the redelivery to run', async () =>
			work.received().length >= 2 ? true : undefined,
		);
		expect(statusOf(await deliver(url, body))).toBe('200 duplicate');

		await work.settle(QUIET_MS);
		const runs = work
			.received()
			.map((request) => (request.body as { executionId: string }).executionId);
		expect(new Set(runs).size).toBe(2);
		expect(alerts.received()).toHaveLength(1);
		expect(await rowOf(eventId)).toMatchObject({ status: 'received', claims: 2 });
	});
});
