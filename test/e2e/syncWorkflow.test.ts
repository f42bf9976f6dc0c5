import { readFileSync } from 'fs';

import { deliver, type Answer } from '../helpers/deliver';
import { TEST_SECRET } from '../helpers/sign';
import {
	defaultData,
	startEmploymentHeroMock,
	type EmploymentHeroMock,
	type PayrollEmployee,
} from '../mocks/employmentHeroApi';
import {
	N8N_VERSIONS,
	startN8n,
	webhookCredential,
	type CredentialJson,
	type N8nInstance,
} from './harness';
import { postgresCredential, testSchema } from './postgresSchema';
import {
	documentedDdl,
	EXAMPLES_README,
	forTest,
	inSchema,
	readSyncExample,
} from './syncWorkflow/example';
import { executionLog, type ExecutionLog } from './syncWorkflow/executions';

const BUSINESS = 1001;
/** The mock's first business has employees 100001 to 100008; each test takes one of its own. */
const EMPLOYEES = 8;
/** How long to keep listening for an execution that should not happen. */
const QUIET_MS = 3_000;
/** How long a row may take to reach its expected state: one execution, with n8n's start-up lag. */
const ROW_TIMEOUT_MS = 30_000;

interface EmployeeRow {
	id: string;
	business_id: string;
	data: Record<string, unknown>;
	synced_at: Date;
	archived_at: Date | null;
}

/** Source change times, one minute apart, so that a test can send an older one after a newer. */
function at(minute: number): string {
	return new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();
}

let deliveries = 0;

/**
 * A Payroll work item about one employee, with a delivery id of its own. `UpdatedAt` is the
 * change time the example's Freshness Guard compares.
 */
function workItem(
	action: 'EmployeeUpdated' | 'EmployeeDeleted',
	employeeId: number,
	updatedAt: string,
): string {
	deliveries += 1;
	return JSON.stringify({
		Id: `sync-${process.pid}-${deliveries}`,
		Attempt: 1,
		Properties: {},
		Notifications: [{ Action: action, Id: employeeId, businessId: BUSINESS, UpdatedAt: updatedAt }],
	});
}

describe('the sync example', () => {
	it('documents in examples/README.md the CREATE TABLE its sticky note shows', () => {
		const ddl = documentedDdl(readSyncExample());

		expect(ddl).toMatch(/^CREATE TABLE IF NOT EXISTS employment_hero_employees \(/);
		expect(readFileSync(EXAMPLES_README, 'utf8')).toContain(ddl);
	});
});

describe.each(N8N_VERSIONS)('the sync example workflow in n8n %s', (version) => {
	const schema = testSchema('eh_e2e_sync');
	const table = `${schema.name}.employment_hero_employees`;
	const example = readSyncExample();
	const trigger = example.nodes.find((node) => node.webhookId !== undefined);
	let mock: EmploymentHeroMock;
	let n8n: N8nInstance;
	let executions: ExecutionLog;

	beforeAll(async () => {
		await schema.create();
		await schema.query(inSchema(documentedDdl(example), schema.name));
		mock = await startEmploymentHeroMock({
			data: defaultData({ payrollEmployeeCount: EMPLOYEES }),
		});

		// Named as the example names them, so that n8n's import finds them as it would a user's.
		const credentials: CredentialJson[] = [
			{
				...webhookCredential({ id: 'ehWebhook', secret: TEST_SECRET }),
				name: 'Employment Hero Webhook',
			},
			{ ...postgresCredential('ehPostgres', { maxConnections: 10 }), name: 'Postgres account' },
			{
				id: 'ehPayroll',
				name: 'Employment Hero Payroll API',
				type: 'employmentHeroPayrollApi',
				data: { apiKey: mock.payrollApiKey, region: 'custom', baseUrl: mock.url },
			},
		];
		const workflow = forTest(example, { schema: schema.name, credentials });
		n8n = await startN8n({ version, credentials, workflows: [workflow] });
		await untilServing(webhookUrl());
		executions = await executionLog(n8n.baseUrl, workflow.id);
	}, 240_000);

	afterAll(async () => {
		await n8n?.stop();
		await mock?.close();
		await schema.drop();
	}, 60_000);

	function webhookUrl(): string {
		if (!trigger?.webhookId) throw new Error('The example has no trigger with a webhookId.');
		return n8n.webhookUrl(trigger.webhookId);
	}

	function payrollRecord(employeeId: number): PayrollEmployee {
		const record = mock.data.payrollEmployees.get(String(BUSINESS))?.get(String(employeeId));
		if (!record) throw new Error(`The mock has no Payroll employee ${employeeId}.`);
		return record;
	}

	/** Payroll requests for one employee, since the mock was last reset. */
	function payrollGets(employeeId: number): number {
		const path = `/api/v2/business/${BUSINESS}/employee/unstructured/${employeeId}`;
		return mock.requests.filter((request) => request.path === path).length;
	}

	async function row(employeeId: number): Promise<EmployeeRow | undefined> {
		const { rows } = await schema.query(
			`SELECT id, business_id, data, synced_at, archived_at FROM ${table} WHERE id = $1`,
			[String(employeeId)],
		);
		return rows[0] as EmployeeRow | undefined;
	}

	/** Polls the employee's row until `expected` holds for it; fails showing the last row seen. */
	async function rowWhen(
		employeeId: number,
		expected: (found: EmployeeRow) => boolean,
	): Promise<EmployeeRow> {
		const deadline = Date.now() + ROW_TIMEOUT_MS;
		for (;;) {
			const found = await row(employeeId);
			if (found && expected(found)) return found;
			if (Date.now() > deadline) {
				const last = JSON.stringify(found);
				throw new Error(`Row of employee ${employeeId} never matched; last: ${last}.`);
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/**
	 * Delivers one work item, expects the trigger to answer once the run succeeded (the example
	 * responds when the workflow succeeds), and waits until n8n lists the execution as finished;
	 * returns the statuses of every execution so far, newest first.
	 */
	async function deliverAndRun(body: string): Promise<string[]> {
		const before = (await executions.list()).length;
		const answer = await deliver(webhookUrl(), body);
		expect(answerOf(answer)).toEqual({
			status: 200,
			body: { status: 'processed', eventId: JSON.parse(body).Id, items: 1 },
		});
		const finished = await executions.waitForFinished(before + 1);
		return finished.map((execution) => execution.status);
	}

	/** Syncs an employee once, as a starting point for a test. */
	async function synced(employeeId: number, minute: number): Promise<EmployeeRow> {
		await deliverAndRun(workItem('EmployeeUpdated', employeeId, at(minute)));
		return await rowWhen(employeeId, (found) => found.archived_at === null);
	}

	it('inserts the Payroll record of an updated employee', async () => {
		const statuses = await deliverAndRun(workItem('EmployeeUpdated', 100001, at(1)));

		const found = await rowWhen(100001, () => true);
		expect(found).toEqual({
			id: '100001',
			business_id: String(BUSINESS),
			data: payrollRecord(100001),
			synced_at: expect.any(Date),
			archived_at: null,
		});
		expect(unsuccessful(statuses)).toEqual([]);
	}, 60_000);

	it('updates the row with the record Payroll holds after a second update', async () => {
		const first = await synced(100002, 1);
		payrollRecord(100002).surname = 'Renamed';

		const statuses = await deliverAndRun(workItem('EmployeeUpdated', 100002, at(2)));

		const updated = await rowWhen(100002, (found) => found.data.surname === 'Renamed');
		expect(updated.data).toEqual(payrollRecord(100002));
		expect(updated.synced_at.getTime()).toBeGreaterThan(first.synced_at.getTime());
		expect(updated.archived_at).toBeNull();
		expect(unsuccessful(statuses)).toEqual([]);
	}, 90_000);

	it('archives the row of an updated employee that Payroll answers 404 for', async () => {
		const before = await synced(100003, 1);
		mock.data.payrollEmployees.get(String(BUSINESS))?.delete('100003');

		const statuses = await deliverAndRun(workItem('EmployeeUpdated', 100003, at(2)));

		const archived = await rowWhen(100003, (found) => found.archived_at !== null);
		expect(archived).toEqual({ ...before, archived_at: expect.any(Date) });
		expect(unsuccessful(statuses)).toEqual([]);
	}, 90_000);

	it('clears archived_at when Payroll has an archived employee again', async () => {
		await synced(100007, 1);
		const employees = mock.data.payrollEmployees.get(String(BUSINESS));
		const record = payrollRecord(100007);
		employees?.delete('100007');
		await deliverAndRun(workItem('EmployeeUpdated', 100007, at(2)));
		await rowWhen(100007, (found) => found.archived_at !== null);
		employees?.set('100007', { ...record, surname: 'Rehired' });

		const statuses = await deliverAndRun(workItem('EmployeeUpdated', 100007, at(3)));

		const restored = await rowWhen(100007, (found) => found.archived_at === null);
		expect(restored.data).toEqual({ ...record, surname: 'Rehired' });
		expect(unsuccessful(statuses)).toEqual([]);
	}, 90_000);

	it('archives the row of a deleted employee without asking Payroll', async () => {
		const before = await synced(100004, 1);
		mock.reset();

		const statuses = await deliverAndRun(workItem('EmployeeDeleted', 100004, at(2)));

		const archived = await rowWhen(100004, (found) => found.archived_at !== null);
		expect(archived).toEqual({ ...before, archived_at: expect.any(Date) });
		expect(payrollGets(100004)).toBe(0);
		expect(unsuccessful(statuses)).toEqual([]);
	}, 90_000);

	it('leaves the row unchanged when an older update arrives after a newer one', async () => {
		await synced(100005, 1);
		payrollRecord(100005).surname = 'Newest';
		await deliverAndRun(workItem('EmployeeUpdated', 100005, at(3)));
		const newest = await rowWhen(100005, (found) => found.data.surname === 'Newest');
		payrollRecord(100005).surname = 'Changed Since';
		mock.reset();

		const statuses = await deliverAndRun(workItem('EmployeeUpdated', 100005, at(2)));

		// The execution has finished, so the row is as the stale change left it.
		expect(await row(100005)).toEqual(newest);
		expect(payrollGets(100005)).toBe(0);
		expect(unsuccessful(statuses)).toEqual([]);
	}, 90_000);

	it('answers 503 when the upsert fails, and runs the redelivery once when it works again', async () => {
		const body = workItem('EmployeeUpdated', 100008, at(1));
		const eventId = JSON.parse(body).Id;
		const before = (await executions.list()).length;
		await schema.query(`ALTER TABLE ${table} RENAME TO employees_away`);
		let failed: Answer;
		try {
			failed = await deliver(webhookUrl(), body);
		} finally {
			await schema.query(
				`ALTER TABLE ${schema.name}.employees_away RENAME TO employment_hero_employees`,
			);
		}
		expect(answerOf(failed)).toMatchObject({ status: 503, body: { status: 'failed', eventId } });
		expect(await row(100008)).toBeUndefined();

		const statuses = await deliverAndRun(body);
		expect(await rowWhen(100008, () => true)).toMatchObject({ data: payrollRecord(100008) });
		const again = await deliver(webhookUrl(), body);
		expect(answerOf(again)).toEqual({ status: 200, body: { status: 'duplicate', eventId } });
		await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
		const all = await executions.list();
		const runs = all.slice(0, all.length - before);
		expect(runs.map((execution) => execution.status).sort()).toEqual(['error', 'success']);
		expect(statuses.length).toBe(before + 2);
	}, 90_000);

	it('answers a replayed delivery as a duplicate and runs nothing for it', async () => {
		const body = workItem('EmployeeUpdated', 100006, at(1));
		await deliverAndRun(body);
		const before = await rowWhen(100006, () => true);
		const runs = (await executions.list()).length;
		payrollRecord(100006).surname = 'Changed Since';
		mock.reset();

		const replay = await deliver(webhookUrl(), body);

		expect(answerOf(replay)).toEqual({
			status: 200,
			body: { status: 'duplicate', eventId: JSON.parse(body).Id },
		});
		await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
		expect((await executions.list()).length).toBe(runs);
		expect(payrollGets(100006)).toBe(0);
		expect(await row(100006)).toEqual(before);
	}, 60_000);
});

/** The statuses that are not `success`, so that a failure names them. */
function unsuccessful(statuses: string[]): string[] {
	return statuses.filter((status) => status !== 'success');
}

/** An answer's status and parsed body, compared together so a failure shows both. */
function answerOf(answer: Answer) {
	return { status: answer.status, body: answer.body };
}

/**
 * Waits until the trigger itself answers: an unsigned delivery gets its 401, which runs nothing.
 * n8n 2.x can list a webhook in its registry a moment before the workflow behind it is usable,
 * and answers 404 in between.
 */
async function untilServing(url: string): Promise<void> {
	for (let attempt = 0; attempt < 150; attempt++) {
		if ((await deliver(url, '{}', { secret: null })).status === 401) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`The trigger at ${url} never answered.`);
}
