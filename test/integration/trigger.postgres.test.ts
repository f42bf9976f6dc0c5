import type { IDataObject } from 'n8n-workflow';

import { handleDelivery } from '../../nodes/EmploymentHeroTrigger/handleDelivery';
import { fakeWebhookContext } from '../helpers/fakeWebhookContext';
import { TEST_SECRET } from '../helpers/sign';
import { refusingPort } from '../helpers/tcpProxy';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/** One delivery through the trigger's handler, with the Postgres store behind it. */
async function deliver(body: string, tableName: string, postgres: IDataObject = credentials) {
	const fake = fakeWebhookContext(
		{ body },
		{ parameters: { dedupeStore: 'postgres', tableName, retentionDays: 30 } },
	);
	const context = fake.context as unknown as Record<string, unknown>;
	context.getCredentials = async (type: string) =>
		type === 'postgres' ? postgres : { secret: TEST_SECRET };
	const result = await handleDelivery.call(fake.context);
	return { ...fake, result };
}

const workItem = (id: string) =>
	JSON.stringify({ Id: id, Attempt: 1, Notifications: [{ Action: 'EmployeeUpdated', Id: 7 }] });

describe('the trigger with the Postgres dedupe store', () => {
	it('accepts a delivery once, records it, and answers duplicate to its replay', async () => {
		const tableName = db.newTableName();

		const first = await deliver(workItem('pg-1'), tableName);
		const replay = await deliver(workItem('pg-1'), tableName);

		expect(first.sent.body).toEqual({ status: 'accepted', eventId: 'pg-1', items: 1 });
		expect(first.result.workflowData?.[0]).toHaveLength(1);
		expect(replay.sent.body).toEqual({ status: 'duplicate', eventId: 'pg-1' });
		expect(replay.result).toEqual({ noWebhookResponse: true });
		expect(
			await db.query(`SELECT connection_id, event_id, event_type, status FROM ${tableName}`),
		).toEqual([
			{ connection_id: 'hook-1', event_id: 'pg-1', event_type: 'EmployeeUpdated', status: 'received' },
		]);
	});

	it('answers 503 with Retry-After and starts nothing when Postgres refuses', async () => {
		const port = await refusingPort();

		const { result, sent, logs } = await deliver(workItem('pg-2'), db.newTableName(), {
			...credentials,
			port,
		});

		expect(result).toEqual({ noWebhookResponse: true });
		expect(sent.code).toBe(503);
		expect(sent.headers['retry-after']).toMatch(/^\d+$/);
		expect(sent.body).toEqual({ status: 'unavailable', reason: 'dedupe store unavailable' });
		expect(logs).toContainEqual(
			expect.objectContaining({
				level: 'warn',
				meta: expect.objectContaining({ error: expect.stringMatching(/ECONNREFUSED/) }),
			}),
		);
	});

	it('answers 503 for a table name it cannot use, without touching Postgres', async () => {
		const { sent, logs } = await deliver(workItem('pg-3'), 'events; DROP TABLE x');

		expect(sent.code).toBe(503);
		expect(logs).toContainEqual(
			expect.objectContaining({
				level: 'error',
				meta: expect.objectContaining({ error: expect.stringMatching(/Table name/) }),
			}),
		);
	});
});
