import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import {
	forgetProcessEntries,
} from '../../../nodes/EmploymentHeroFreshnessGuard/store/StaticDataStore';
import { employee, run } from './support/runGuard';

afterEach(() => forgetProcessEntries());

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.receivedAt);

describe('guardItems', () => {
	it('passes items unchanged apart from a freshness object, paired with their input', async () => {
		const input = employee('7', '2024-05-01T09:30:00Z', { data: { Id: 7 } });

		const [[passed], stale] = await run([input]).outputs;

		expect(stale).toEqual([]);
		expect(passed).toEqual({
			json: {
				...input.json,
				freshness: { key: 'Employee:7', previous: null, current: '2024-05-01T09:30:00.000Z' },
			},
			pairedItem: { item: 0 },
		});
		expect(input.json).not.toHaveProperty('freshness');
	});

	it('keeps binary data', async () => {
		const binary = { file: { data: 'aGk=', mimeType: 'text/plain' } };

		const [[passed]] = await run([{ ...employee('7', 1), binary }]).outputs;

		expect(passed.binary).toBe(binary);
	});

	it('sends an older version after a newer one to Stale, saying what it lost to', async () => {
		const staticData = {};
		await run([employee('7', '2024-05-01T10:00:00Z')], { staticData }).outputs;

		const [fresh, [stale]] = await run([employee('7', '2024-05-01T09:00:00Z')], { staticData })
			.outputs;

		expect(fresh).toEqual([]);
		expect(stale.json.freshness).toEqual({
			key: 'Employee:7',
			previous: '2024-05-01T10:00:00.000Z',
			current: '2024-05-01T09:00:00.000Z',
		});
		expect(stale.pairedItem).toEqual({ item: 0 });
	});

	it('passes a retry with the same timestamp', async () => {
		const staticData = {};
		await run([employee('7', 1714555800)], { staticData }).outputs;

		const [fresh] = await run([employee('7', 1714555800)], { staticData }).outputs;

		expect(fresh).toHaveLength(1);
	});

	it('compares versions of one entity within a run, keeping input order per output', async () => {
		const [fresh, stale] = await run([
			employee('7', 3),
			employee('8', 1),
			employee('7', 2),
			employee('7', 4),
			employee('7', 1),
		]).outputs;

		expect(ids(fresh)).toEqual([3, 1, 4]);
		expect(fresh.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
		expect(ids(stale)).toEqual([2, 1]);
	});

	it('records a delete like any change, so an older update after it is stale', async () => {
		const staticData = {};
		await run([employee('7', 10, { action: 'delete' })], { staticData }).outputs;

		const [fresh, stale] = await run([employee('7', 9)], { staticData }).outputs;

		expect(fresh).toEqual([]);
		expect(stale).toHaveLength(1);
	});

	it('uses the configured key and timestamp expressions', async () => {
		const parameters = {
			entityKey: (json: IDataObject) => `person-${(json.data as IDataObject).Id}`,
			timestamp: (json: IDataObject) => (json.data as IDataObject).UpdatedAt,
		};
		const staticData = {};
		const item = (updatedAt: string) => ({ json: { data: { Id: 7, UpdatedAt: updatedAt } } });
		await run([item('2024-05-01T10:00:00')], { parameters, staticData }).outputs;

		const [fresh, [stale]] = await run([item('2024-05-01T09:00:00')], { parameters, staticData })
			.outputs;

		expect(fresh).toEqual([]);
		expect((stale.json.freshness as IDataObject).key).toBe('person-7');
	});

	describe('in manual executions', () => {
		it('compares against what production recorded but records nothing', async () => {
			const staticData = {};
			await run([employee('7', 10)], { staticData }).outputs;

			const [, stale] = await run([employee('7', 9)], { staticData, mode: 'manual' }).outputs;
			const [fresh] = await run([employee('8', 20)], { staticData, mode: 'manual' }).outputs;
			const [later] = await run([employee('8', 19)], { staticData }).outputs;

			expect(stale).toHaveLength(1);
			expect(fresh).toHaveLength(1);
			expect(later).toHaveLength(1);
		});

		it('still compares within the run', async () => {
			const [, stale] = await run([employee('7', 2), employee('7', 1)], { mode: 'manual' }).outputs;

			expect(ids(stale)).toEqual([1]);
		});
	});

	describe('unusable items', () => {
		it('fails on an unusable timestamp, naming the item, and records nothing', async () => {
			const staticData: IDataObject = {};

			const failure = run([employee('7', 5), employee('8', 'soon')], { staticData }).outputs;

			await expect(failure).rejects.toThrow(NodeOperationError);
			await expect(failure).rejects.toMatchObject({
				message: expect.stringContaining('Unusable timestamp: "soon"'),
				context: { itemIndex: 1 },
				description: expect.stringContaining('read as UTC'),
			});
			expect(staticData).toEqual({});
		});

		it('fails on an item without entityId under the default key', async () => {
			const failure = run([employee('7', 5), { json: { entityType: 'Employee', receivedAt: 5 } }])
				.outputs;

			await expect(failure).rejects.toMatchObject({
				message: 'Unusable entity key: the item has no entityId',
				context: { itemIndex: 1 },
			});
		});

		it('fails on an empty key', async () => {
			const failure = run([employee('7', 5)], { parameters: { entityKey: '  ' } }).outputs;

			await expect(failure).rejects.toMatchObject({
				message: 'Unusable entity key: the key is empty',
				context: { itemIndex: 0 },
			});
		});

		it('fails on a key that is not text', async () => {
			const failure = run([employee('7', 5)], { parameters: { entityKey: () => ({}) } }).outputs;

			await expect(failure).rejects.toThrow('Unusable entity key: expected text, got object');
		});

		it('with Continue On Fail, sends an error item to Stale and checks the others', async () => {
			const items = [employee('7', 5), employee('8', 'soon'), employee('9', 5)];

			const [fresh, stale] = await run(items, { continueOnFail: true }).outputs;

			expect(fresh.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
			expect(stale).toEqual([
				{
					json: { error: expect.stringContaining('Unusable timestamp') },
					pairedItem: { item: 1 },
				},
			]);
		});
	});

	it('explains an unknown store', async () => {
		const failure = run([employee('7', 5)], { parameters: { store: 'redis' } }).outputs;

		await expect(failure).rejects.toMatchObject({
			message: 'Unknown store "redis"',
			description: expect.stringContaining('Store parameter'),
		});
	});

	it('with Continue On Fail, sends every item to Stale when the store fails', async () => {
		const [fresh, stale] = await run([employee('7', 5), employee('8', 'soon')], {
			parameters: { store: 'redis' },
			continueOnFail: true,
		}).outputs;

		expect(fresh).toEqual([]);
		expect(stale.map((item) => item.json.error)).toEqual([
			'Unknown store "redis"',
			expect.stringContaining('Unusable timestamp'),
		]);
	});

	it('logs a summary without item contents', async () => {
		const { outputs, logs } = run([employee('7', 2), employee('7', 1)]);
		await outputs;

		expect(logs).toEqual([
			{
				level: 'debug',
				message: 'Employment Hero freshness checked',
				meta: { workflowId: 'wf-1', node: 'Freshness Guard', recorded: true, fresh: 1, stale: 1 },
			},
		]);
	});
});
