import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { runLedger } from '../../nodes/EmploymentHeroLedger/runLedger';
import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName } from '../../nodes/shared/postgres';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();

/** Just enough of n8n's execute context for the Delivery Ledger node. */
function context(parameters: IDataObject, items: IDataObject[] = [{}]): IExecuteFunctions {
	return {
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, index: number, fallback?: unknown) => {
			const value = parameters[name];
			if (typeof value === 'function') return (value as (i: number) => unknown)(index);
			return value ?? fallback;
		},
		getCredentials: async () => credentials,
		getNode: () => ({ id: 'ledger-node', name: 'Delivery Ledger' }),
		getWorkflow: () => ({ id: 'wf-ledger' }),
	} as unknown as IExecuteFunctions;
}

async function oldTable(): Promise<string> {
	const tableName = db.newTableName();
	await db.query(`CREATE TABLE ${tableName} (
		connection_id text NOT NULL, event_id text NOT NULL, event_type text,
		entity_count integer NOT NULL, attempt integer, status text NOT NULL DEFAULT 'received',
		received_at timestamptz NOT NULL, payload jsonb NOT NULL,
		PRIMARY KEY (connection_id, event_id))`);
	await db.query(
		`INSERT INTO ${tableName} (connection_id, event_id, entity_count, received_at, payload)
		VALUES ('hook-1', 'old-1', 1, now() - interval '2 days', '{}')`,
	);
	return tableName;
}

describe('the Delivery Ledger node', () => {
	it('upgrades a table of the first release, and lists none of its rows as dead letters', async () => {
		const tableName = await oldTable();

		const [rows] = await runLedger.call(
			context({ operation: 'list', tableName, which: 'both', limit: 50 }),
		);

		expect(rows).toEqual([]);
		const columns = await db.query(
			`SELECT column_name FROM information_schema.columns
			WHERE table_schema = $1 AND table_name = $2 AND column_name = 'claim_token'`,
			[db.schema, tableName.split('.')[1]],
		);
		expect(columns).toHaveLength(1);
	});

	it('refuses a Failed Run Started At that is not an ISO time, before touching the table', async () => {
		const tableName = db.newTableName();
		for (const startedAt of ['1', 'March 7', 12345]) {
			const run = runLedger.call(
				context({ operation: 'markFailed', tableName, eventId: 'e1', error: 'x', startedAt }),
			);
			await expect(run).rejects.toThrow(NodeOperationError);
			await expect(run).rejects.toThrow('Unusable Failed Run Started At');
		}
	});

	it('marks processed a delivery whose id holds a NUL, as the trigger stored it', async () => {
		const tableName = db.newTableName();
		const pool = getPool(credentials, 'ledger-node-suite', db.limits);
		const store = new PostgresStore(pool, { table: quoteTableName(tableName), retentionDays: 0 });
		const delivery = deliveryRecord({ eventId: 'nul\u0000id' });
		await store.claim(delivery);

		const [out] = await runLedger.call(
			context({ operation: 'markProcessed', tableName, eventId: 'nul\u0000id' }, [{ a: 1 }]),
		);

		expect(out).toEqual([{ json: { a: 1 } }]);
		expect(await db.query(`SELECT status FROM ${tableName}`)).toEqual([{ status: 'processed' }]);
	});

	it('names the table and what to check when it does not exist', async () => {
		const run = runLedger.call(
			context({ operation: 'list', tableName: db.newTableName(), which: 'failed', limit: 5 }),
		);
		await expect(run).rejects.toThrow(/No ledger table/);
	});
});
