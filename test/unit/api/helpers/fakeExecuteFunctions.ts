import { request as httpRequest } from 'http';
import {
	NodeApiError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * A minimal stand-in for n8n's execution context, enough to run the nodes' `execute()` against the
 * loopback mock with real HTTP. It supports exactly what the nodes use and throws on anything else,
 * so a node that starts relying on more of n8n fails here instead of passing by accident:
 *
 * - parameters: explicit values, else the description's default; the only expression understood
 *   is `={{ $json.<field> }}`, which is what the defaults use;
 * - `httpRequestWithAuthentication`: GET/POST with `returnFullResponse` and
 *   `ignoreHttpStatusErrors`, signed like n8n signs the two credential types; socket errors are
 *   wrapped in `NodeApiError` as n8n 1.x does;
 * - `refreshOAuth2Token`: the refresh-token grant against the credential's token URL, storing
 *   the new token data as n8n does.
 */
export interface FakeContextOptions {
	description: INodeTypeDescription;
	parameters: IDataObject;
	items?: IDataObject[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
}

export interface FakeContext {
	context: IExecuteFunctions;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	calls: { refreshes: number; requests: number };
	logs: Array<{ level: string; message: string; meta?: unknown }>;
}

export function fakeExecuteFunctions(options: FakeContextOptions): FakeContext {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const credentials = options.credentials;
	const calls = { refreshes: 0, requests: 0 };
	const logs: FakeContext['logs'] = [];
	const node: INode = {
		id: 'node-under-test',
		name: options.description.defaults.name ?? 'Node',
		type: `n8n-nodes-employment-hero.${options.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]),
		),
	};

	const parameter = (name: string, itemIndex: number): unknown => {
		const value =
			name in options.parameters
				? options.parameters[name]
				: defaultOf(options.description.properties, name, options.parameters);
		return resolve(value, items[itemIndex]?.json ?? {});
	};

	const log = (level: string) => (message: string, meta?: unknown) => {
		logs.push({ level, message, meta });
	};

	const helpers = {
		async httpRequestWithAuthentication(type: string, request: IHttpRequestOptions) {
			if (!request.returnFullResponse || !request.ignoreHttpStatusErrors) {
				throw new Error('fake supports only returnFullResponse with ignoreHttpStatusErrors');
			}
			calls.requests++;
			const headers: Record<string, string> = { ...(request.headers as Record<string, string>) };
			headers.Authorization = authorization(type, credentials[type]);
			try {
				return await send(request, headers);
			} catch (error) {
				throw new NodeApiError(node, error as Error as never);
			}
		},

		async refreshOAuth2Token(type: string) {
			calls.refreshes++;
			const stored = credentials[type];
			const tokenData = stored.oauthTokenData as IDataObject;
			const body = new URLSearchParams({
				grant_type: 'refresh_token',
				refresh_token: String(tokenData.refresh_token),
				client_id: String(stored.clientId),
				client_secret: String(stored.clientSecret),
			});
			const response = await fetch(String(stored.accessTokenUrl), {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body,
			});
			const data = (await response.json()) as IDataObject;
			if (!response.ok) throw new Error(`refresh failed: ${JSON.stringify(data)}`);
			stored.oauthTokenData = data;
			return data;
		},
	};

	const context = {
		getInputData: () => items,
		getNode: () => node,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = parameter(name, itemIndex);
			return value === undefined ? fallback : value;
		},
		getCredentials: async (type: string) => {
			if (!credentials[type]) throw new Error(`no credentials of type ${type}`);
			return credentials[type];
		},
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => undefined,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers,
	} as unknown as IExecuteFunctions;

	return { context, credentials, calls, logs };
}

function authorization(type: string, stored: ICredentialDataDecryptedObject | undefined): string {
	if (!stored) throw new Error(`no credentials of type ${type}`);
	if (type === 'employmentHeroOAuth2Api') {
		return `Bearer ${String((stored.oauthTokenData as IDataObject).access_token)}`;
	}
	if (type === 'employmentHeroPayrollApi') {
		return `Basic ${Buffer.from(`${String(stored.apiKey)}:`).toString('base64')}`;
	}
	throw new Error(`fake does not know how to sign for ${type}`);
}

/** One HTTP exchange, answering in n8n's full-response shape; socket errors keep their `code`. */
async function send(request: IHttpRequestOptions, headers: Record<string, string>) {
	const url = new URL(`${request.baseURL ?? ''}${request.url}`);
	for (const [key, value] of Object.entries(request.qs ?? {})) {
		url.searchParams.set(key, String(value));
	}

	return await new Promise<{ statusCode: number; headers: IDataObject; body: unknown }>(
		(resolvePromise, reject) => {
			const req = httpRequest(url, { method: request.method ?? 'GET', headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('error', reject);
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let body: unknown = text;
					if (request.json && text !== '') {
						try {
							body = JSON.parse(text);
						} catch {
							body = text;
						}
					}
					resolvePromise({
						statusCode: res.statusCode ?? 0,
						headers: res.headers as IDataObject,
						body,
					});
				});
			});
			if (request.timeout) {
				req.setTimeout(request.timeout, () => {
					// axios, and so n8n, reports a timeout as ECONNABORTED.
					req.destroy(
						Object.assign(new Error(`timeout of ${request.timeout}ms exceeded`), {
							code: 'ECONNABORTED',
						}),
					);
				});
			}
			req.on('error', reject);
			req.end();
		},
	);
}

/** The description's default for `name`, picking the property whose `displayOptions` match. */
function defaultOf(
	properties: INodeProperties[],
	name: string,
	parameters: IDataObject,
): unknown {
	const current = (key: string): unknown =>
		key in parameters ? parameters[key] : defaultOf(properties, key, parameters);
	const property = properties.find(
		(p) =>
			p.name === name &&
			Object.entries(p.displayOptions?.show ?? {}).every(([key, allowed]) =>
				(allowed as unknown[]).includes(current(key)),
			),
	);
	return property?.default;
}

function resolve(value: unknown, json: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$json\.(\w+)\s*\}\}$/.exec(value);
	if (!match) throw new Error(`fake cannot evaluate expression ${value}`);
	return json[match[1]];
}
