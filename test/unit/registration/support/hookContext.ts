import type { IDataObject, IHookFunctions, IHttpRequestOptions } from 'n8n-workflow';

export interface HookSetup {
	/** Base URL of the Payroll credential (region `custom`). */
	payrollUrl: string;
	apiKey?: string;
	parameters?: IDataObject;
	staticData?: IDataObject;
	/** What `getNodeWebhookUrl('default')` answers. */
	webhookUrl?: string;
}

export interface LogEntry {
	level: string;
	message: string;
	meta: unknown;
}

export const WEBHOOK_URL = 'http://127.0.0.1:5678/webhook/hook-1/webhook';

/**
 * Just enough of n8n's hook context (what `checkExists`, `create` and `delete` get) to run the
 * trigger's registration against the loopback Payroll mock: parameters, the Payroll credential,
 * node static data, and n8n's authenticated request helper, done with fetch and Basic auth.
 */
export function fakeHookContext(setup: HookSetup) {
	const parameters: IDataObject = {
		registration: 'payrollApi',
		businessId: '1001',
		events: ['*'],
		dedupeStore: 'staticData',
		options: {},
		...setup.parameters,
	};
	const staticData = setup.staticData ?? {};
	const credentials = {
		apiKey: setup.apiKey ?? 'test-payroll-key',
		region: 'custom',
		baseUrl: setup.payrollUrl,
	};
	const logs: LogEntry[] = [];
	const log = (level: string) => (message: string, meta?: unknown) =>
		logs.push({ level, message, meta });

	const request = async (_type: string, options: IHttpRequestOptions) => {
		const url = new URL(`${options.baseURL ?? ''}${options.url}`);
		const headers: Record<string, string> = {
			...(options.headers as Record<string, string>),
			authorization: `Basic ${Buffer.from(`${credentials.apiKey}:`).toString('base64')}`,
		};
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(url, {
			method: options.method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
		}).catch((error: Error & { cause?: { code?: string } }) => {
			// Named as n8n's HTTP client (axios) names them.
			const code = error.cause?.code === 'UND_ERR_SOCKET' ? 'ECONNRESET' : error.cause?.code;
			throw Object.assign(new Error(error.message), { code });
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = text === '' ? '' : JSON.parse(text);
		} catch {
			body = text;
		}
		return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
	};

	const context = {
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => credentials,
		getNode: () => ({ id: 'node-1', name: 'Employment Hero Trigger', webhookId: 'hook-1' }),
		getWorkflow: () => ({ id: 'wf-1', name: 'Payroll changes', active: true }),
		getNodeWebhookUrl: () => setup.webhookUrl ?? WEBHOOK_URL,
		getWorkflowStaticData: () => staticData,
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		helpers: { httpRequestWithAuthentication: request },
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
	};

	return { context: context as unknown as IHookFunctions, staticData, logs, parameters };
}
