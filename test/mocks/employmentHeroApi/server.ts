import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { defaultData, type MockData } from './fixtures';
import { handleHr } from './hr';
import { json, parseForm, readBody, send, type MockRequest, type MockResponse } from './http';
import { MockOAuthServer, type OAuthClient } from './oauth';
import { PayrollApi, type RateLimit } from './payroll';
import { PayrollWebhookRegistrations } from './webhookRegistrations';

export interface MockOptions {
	/** Lifetime of issued access tokens. @default 900 (15 minutes, as Employment Hero) */
	accessTokenTtlSeconds?: number;
	client?: OAuthClient;
	/** API keys the Payroll API accepts. @default ['test-payroll-key'] */
	payrollApiKeys?: string[];
	/** Per-business Payroll rate limit, or false for none. @default 5 requests per 1000 ms */
	payrollRateLimit?: RateLimit | false;
	/**
	 * Whether creating a Payroll webhook registration first confirms its URL with
	 * `GET <url>?echo=<random>` (loopback URLs only). @default false
	 */
	verifyWebhookEcho?: boolean;
	data?: MockData;
}

/** A scripted failure, served instead of the real answer to the next matching requests. */
export interface Fault {
	method?: string;
	/** Matched against the request path (no query string). */
	path: string | RegExp;
	/** How many matching requests it applies to. @default 1 */
	times?: number;
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Wait this long before answering (or dropping), e.g. longer than the client's timeout. */
	delayMs?: number;
	/** Close the connection without an answer, as a crashed upstream would. */
	drop?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Arrival time, `Date.now()`. */
	at: number;
	status: number | 'dropped';
	authorization: 'bearer' | 'basic' | 'none';
	/** The body, parsed when it is JSON; undefined when empty. */
	body?: unknown;
}

export interface EmploymentHeroMock {
	/** `http://127.0.0.1:<port>`: the HR API base URL, the Payroll base URL and the OAuth host. */
	url: string;
	authorizeUrl: string;
	tokenUrl: string;
	client: OAuthClient;
	payrollApiKey: string;
	data: MockData;
	oauth: MockOAuthServer;
	payroll: PayrollApi;
	/** Payroll's webhook registrations, by id, and the URL confirmations made. */
	webhooks: PayrollWebhookRegistrations;
	requests: RecordedRequest[];
	inject(fault: Fault): void;
	/** Forgets recorded requests and pending faults. */
	reset(): void;
	close(): Promise<void>;
}

export const TEST_CLIENT: OAuthClient = {
	clientId: 'test-client-id',
	clientSecret: 'test-client-secret',
};

/**
 * Starts a loopback server that behaves like Employment Hero's HR API, Payroll API and OAuth
 * server. It listens on 127.0.0.1 only, on a free port.
 */
export async function startEmploymentHeroMock(
	options: MockOptions = {},
): Promise<EmploymentHeroMock> {
	const client = options.client ?? TEST_CLIENT;
	const payrollApiKeys = options.payrollApiKeys ?? ['test-payroll-key'];
	const data = options.data ?? defaultData();
	const oauth = new MockOAuthServer(client, options.accessTokenTtlSeconds ?? 900);
	const payroll = new PayrollApi(
		new Set(payrollApiKeys),
		options.payrollRateLimit ?? { requests: 5, windowMs: 1000 },
	);
	const webhooks = new PayrollWebhookRegistrations(
		new Set(payrollApiKeys),
		options.verifyWebhookEcho ?? false,
	);
	const requests: RecordedRequest[] = [];
	let faults: Array<Fault & { remaining: number }> = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();

	const route = async (request: MockRequest): Promise<MockResponse> => {
		if (request.path === '/oauth2/authorize' && request.method === 'GET') {
			return oauth.authorize(request);
		}
		if (request.path === '/oauth2/token' && request.method === 'POST') {
			return oauth.token(request);
		}
		return (
			handleHr(request, data, oauth) ??
			(await webhooks.handle(request, data)) ??
			payroll.handle(request, data) ??
			json(404, { message: 'No HTTP resource was found that matches the request URI.' })
		);
	};

	const takeFault = (request: MockRequest): Fault | undefined => {
		const fault = faults.find(
			(f) =>
				(f.method === undefined || f.method === request.method) &&
				(typeof f.path === 'string' ? f.path === request.path : f.path.test(request.path)),
		);
		if (fault && --fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
		return fault;
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const raw = await readBody(req);
		const request: MockRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.searchParams,
			headers: req.headers,
			form: parseForm(req.headers['content-type'], raw),
			body: raw,
		};
		const record: RecordedRequest = {
			method: request.method,
			path: request.path,
			query: Object.fromEntries(url.searchParams),
			at: Date.now(),
			status: 0,
			authorization: /^bearer /i.test(req.headers.authorization ?? '')
				? 'bearer'
				: /^basic /i.test(req.headers.authorization ?? '')
					? 'basic'
					: 'none',
			body: parseJson(raw),
		};
		requests.push(record);

		const fault = takeFault(request);
		if (fault?.delayMs) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, fault.delayMs);
				timers.add(timer);
			});
		}
		if (fault?.drop) {
			record.status = 'dropped';
			req.socket.destroy();
			return;
		}

		const response = fault?.status
			? { status: fault.status, headers: fault.headers, body: fault.body }
			: await route(request);
		record.status = response.status;
		if (!res.destroyed) send(res, response);
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) send(res, json(500, { message: error.message }));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		authorizeUrl: `${url}/oauth2/authorize`,
		tokenUrl: `${url}/oauth2/token`,
		client,
		payrollApiKey: payrollApiKeys[0],
		data,
		oauth,
		payroll,
		webhooks,
		requests,
		inject(fault) {
			faults.push({ ...fault, remaining: fault.times ?? 1 });
		},
		reset() {
			requests.length = 0;
			faults = [];
		},
		async close() {
			for (const timer of timers) clearTimeout(timer);
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

function parseJson(raw: string): unknown {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}
