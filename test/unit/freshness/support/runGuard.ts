import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { guardItems } from '../../../../nodes/EmploymentHeroFreshnessGuard/guardItems';

const DEFAULT_KEY = '={{ $json.entityType }}:{{ $json.entityId }}';

type Parameter = unknown | ((json: IDataObject) => unknown);

export interface Setup {
	parameters?: Record<string, Parameter>;
	staticData?: IDataObject;
	/** The `postgres` credential; without it, asking for one fails. */
	credentials?: IDataObject;
	mode?: 'webhook' | 'manual' | 'trigger';
	continueOnFail?: boolean;
}

/**
 * Enough of n8n's execute context to run the guard in-process. Per-item parameters are functions
 * of the item's JSON, standing in for expressions; the default key is evaluated as n8n would.
 */
export function run(items: INodeExecutionData[], setup: Setup = {}) {
	const parameters: Record<string, Parameter> = {
		entityKey: DEFAULT_KEY,
		timestamp: (json: IDataObject) => json.receivedAt,
		store: 'staticData',
		...setup.parameters,
	};
	const logs: Array<{ level: string; message: string; meta: unknown }> = [];
	const log = (level: string) => (message: string, meta?: unknown) =>
		logs.push({ level, message, meta });

	const context = {
		getInputData: () => items,
		getNode: () => ({
			id: 'node-1',
			name: 'Freshness Guard',
			type: 'n8n-nodes-employment-hero.employmentHeroFreshnessGuard',
			typeVersion: 1,
			position: [0, 0],
			parameters: { entityKey: parameters.entityKey },
		}),
		getWorkflow: () => ({ id: 'wf-1', name: 'test', active: true }),
		getMode: () => setup.mode ?? 'webhook',
		continueOnFail: () => setup.continueOnFail ?? false,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const { json } = items[itemIndex] ?? { json: {} };
			const value =
				name === 'entityKey' && parameters.entityKey === DEFAULT_KEY
					? `${json.entityType}:${json.entityId}`
					: parameters[name];
			return typeof value === 'function' ? value(json) : (value ?? fallback);
		},
		getWorkflowStaticData: () => setup.staticData ?? {},
		getCredentials: async () => {
			if (!setup.credentials) throw new Error('no credentials in unit tests');
			return setup.credentials;
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	} as unknown as IExecuteFunctions;

	return { outputs: guardItems.call(context), logs };
}

/** An item as the Employment Hero Trigger makes it, with only the fields the guard reads. */
export function employee(entityId: string, receivedAt: unknown, extra: IDataObject = {}) {
	const json = { entityType: 'Employee', entityId, action: 'upsert', receivedAt, ...extra };
	return { json } as INodeExecutionData;
}
