import { NodeOperationError, type IDataObject, type IHookFunctions } from 'n8n-workflow';

import { dedupeWebhookMethods } from '../../../nodes/EmploymentHeroTrigger/dedupe/postgresLifecycle';
import { closeAllPools, getPool } from '../../../nodes/shared/postgres';

const postgres = { host: '127.0.0.1', port: 1, database: 'none', user: 'nobody', password: 'x' };

function hookContext(parameters: IDataObject, credential: IDataObject = postgres) {
	const context = {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => credential,
		getNode: () => ({ id: 'node-1', name: 'Employment Hero Trigger' }),
		getWorkflow: () => ({ id: 'wf-1' }),
	};
	return context as unknown as IHookFunctions;
}

afterEach(async () => await closeAllPools());

describe('the trigger webhook hooks', () => {
	it('activate with the static data store without reading any Postgres setting', async () => {
		const context = hookContext({ dedupeStore: 'staticData', tableName: 'bad name!' });

		await expect(dedupeWebhookMethods.create.call(context)).resolves.toBe(true);
	});

	it('activate with usable Postgres settings', async () => {
		const context = hookContext({ dedupeStore: 'postgres', tableName: 'audit.events' });

		await expect(dedupeWebhookMethods.create.call(context)).resolves.toBe(true);
	});

	it('refuse activation with a table name they cannot use, saying what to change', async () => {
		const context = hookContext({ dedupeStore: 'postgres', tableName: 'events; DROP TABLE x' });

		const activation = dedupeWebhookMethods.create.call(context);

		await expect(activation).rejects.toThrow(NodeOperationError);
		await expect(activation).rejects.toMatchObject({
			description: expect.stringContaining('Table Name'),
		});
	});

	it('refuse activation with a credential that uses an SSH tunnel', async () => {
		const context = hookContext({ dedupeStore: 'postgres' }, { ...postgres, sshTunnel: true });

		await expect(dedupeWebhookMethods.create.call(context)).rejects.toThrow(/SSH tunnel/);
	});

	it("close the trigger's pool on deactivation", async () => {
		const pool = getPool(postgres, 'employmentHeroTrigger:wf-1:node-1');

		await dedupeWebhookMethods.delete.call(hookContext({ dedupeStore: 'postgres' }));

		expect(pool.ended).toBe(true);
	});
});
