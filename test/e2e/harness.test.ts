import { readFileSync } from 'fs';
import { join } from 'path';

import {
	coreWebhookWorkflow,
	N8N_VERSIONS,
	startN8n,
	startSink,
	TRIGGER_NODE_TYPE,
	type N8nInstance,
	type Sink,
} from './harness';

/** n8n's debug line for a package it loaded, eagerly or (with prebuilt type files) lazily. */
const packageLoaded = new RegExp(
	'(Loaded all credentials and nodes|Lazy-loading nodes and credentials) from ' +
		'n8n-nodes-employment-hero ',
);

/** What n8n wrote for its editor: every node type it loaded, ours included. */
function loadedNodeTypes(n8n: N8nInstance): string[] {
	const file = join(n8n.userFolder, '.cache', 'n8n', 'public', 'types', 'nodes.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string }>).map((t) => t.name);
}

async function post(n8n: N8nInstance, body: unknown): Promise<Response> {
	return await fetch(`${n8n.baseUrl}/webhook/harness-smoke`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

describe.each(N8N_VERSIONS)('the e2e harness on n8n %s', (version) => {
	let sink: Sink;
	let n8n: N8nInstance;

	beforeAll(async () => {
		sink = await startSink();
		const workflow = coreWebhookWorkflow({
			id: 'harnessSmoke',
			name: 'Harness Smoke',
			path: 'harness-smoke',
			sinkUrl: sink.url,
		});
		n8n = await startN8n({ version, workflows: [workflow] });
	}, 180_000);

	it('runs the requested n8n version', () => {
		expect(n8n.logs()).toContain(`Version: ${version}`);
	});

	it('loads our package from the community packages folder', () => {
		expect(n8n.logs()).toMatch(packageLoaded);
		expect(loadedNodeTypes(n8n)).toContain(TRIGGER_NODE_TYPE);
	});

	it('forwards an item from a production webhook to the sink', async () => {
		sink.reset();

		const response = await post(n8n, { hello: 'harness' });

		expect(response.status).toBe(200);
		const [request] = await sink.waitForCount(1);
		expect(request.method).toBe('POST');
		expect(request.body).toMatchObject({
			item: { body: { hello: 'harness' } },
			executionId: expect.any(String),
		});
	});

	it('serves the same workflow again after a crash and restart', async () => {
		await n8n.kill();
		await n8n.restart();
		sink.reset();

		const response = await post(n8n, { hello: 'again' });

		expect(response.status).toBe(200);
		const [request] = await sink.waitForCount(1);
		expect(request.body).toMatchObject({ item: { body: { hello: 'again' } } });
	}, 120_000);
});
