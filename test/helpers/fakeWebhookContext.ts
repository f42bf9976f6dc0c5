import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { sign, TEST_SECRET } from './sign';

export interface FakeRequest {
	body: string | Buffer | undefined;
	headers?: Record<string, string | string[]>;
	/** Sign the body with this secret into ms-signature; null sends no signature. */
	secret?: string | null;
}

export interface FakeSetup {
	parameters?: IDataObject;
	credentials?: IDataObject;
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
	webhookId?: string;
	/** What `getChildNodes` reports: the nodes downstream of the trigger. */
	childNodes?: Array<{ type: string; disabled?: boolean; parameters?: IDataObject }>;
}

export interface SentAnswer {
	code?: number;
	body?: unknown;
	headers: Record<string, string>;
}

/** An Express-like response that records the code, body and headers written to it. */
export function recordingResponse() {
	const sent: SentAnswer = { headers: {} };
	const response = {
		status(code: number) {
			sent.code = code;
			return response;
		},
		json(body: unknown) {
			sent.body = body;
			return response;
		},
		send(body: unknown) {
			sent.body = body;
			return response;
		},
		setHeader(name: string, value: string) {
			sent.headers[name.toLowerCase()] = value;
		},
	};
	return { sent, response };
}

/**
 * Just enough of n8n's webhook context to run the trigger's handler in-process: the request as
 * n8n hands it over (raw bytes already read), a response that records what was written, and a
 * logger that keeps every call so tests can check what was (and was not) logged.
 */
export function fakeWebhookContext(request: FakeRequest, setup: FakeSetup = {}) {
	const bytes = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
	const headers: Record<string, string | string[]> = { ...request.headers };
	if (bytes !== undefined) headers['content-length'] ??= String(bytes.length);
	if (request.secret !== null && bytes !== undefined && !('ms-signature' in headers)) {
		headers['ms-signature'] = sign(bytes, request.secret ?? TEST_SECRET);
	}

	const { sent, response } = recordingResponse();

	const logs: Array<{ level: string; message: string; meta: unknown }> = [];
	const log = (level: string) => (message: string, meta?: unknown) =>
		logs.push({ level, message, meta });

	const parameters: IDataObject = { events: ['*'], dedupeStore: 'staticData', options: {}, ...setup.parameters };
	const staticData = setup.staticData ?? {};

	const context = {
		getRequestObject: () => ({ headers, rawBody: bytes }),
		getResponseObject: () => response,
		getNode: () => ({
			id: 'node-1',
			name: 'Employment Hero Trigger',
			webhookId: setup.webhookId ?? 'hook-1',
			type: 'n8n-nodes-employment-hero.employmentHeroTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: 'wf-1', name: 'test', active: true }),
		getChildNodes: () =>
			(setup.childNodes ?? []).map((child, i) => ({
				name: `Child ${i}`,
				typeVersion: 1,
				disabled: false,
				...child,
			})),
		getMode: () => setup.mode ?? 'webhook',
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async () => setup.credentials ?? { secret: TEST_SECRET, previousSecret: '' },
		getWorkflowStaticData: () => staticData,
		logger: {
			debug: log('debug'),
			info: log('info'),
			warn: log('warn'),
			error: log('error'),
		},
	};

	return { context: context as unknown as IWebhookFunctions, sent, logs, staticData };
}
