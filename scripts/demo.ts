import { spawnSync } from 'child_process';

import {
	handoffWorkflow,
	N8N_VERSIONS,
	startN8n,
	startSink,
	webhookCredential,
	type Sink,
} from '../test/e2e/harness';
import { handoffsFor, waitForHandoffs } from '../test/e2e/handoffs';
import { deliver, workItem, type DeliverOptions } from '../test/helpers/deliver';

const SECRET = 'demo-signing-secret-change-me';
const WEBHOOK_ID = 'employment-hero-demo';
const WAITING_WEBHOOK_ID = 'employment-hero-demo-wait';
const OWNER = { email: 'demo@example.com', password: 'Demo-Hero-2026', firstName: 'Demo', lastName: 'Hero' };

function option(name: string): string | undefined {
	const at = process.argv.indexOf(name);
	return at === -1 ? undefined : process.argv[at + 1];
}

async function step(
	title: string,
	url: string,
	body: string,
	options: DeliverOptions = {},
): Promise<void> {
	const answer = await deliver(url, body, { secret: SECRET, ...options });
	const shown = body.length > 120 ? `${body.slice(0, 100)}… (${body.length} bytes)` : body;
	process.stdout.write(`\n▶ ${title}\n  sent     ${shown}\n  answer   ${answer.status} ${answer.text}\n`);
}

async function showItems(sink: Sink, eventId: string, count: number): Promise<void> {
	// A story step shows what arrived; a missing item is visible as a shorter list, not an error.
	const handoffs = await waitForHandoffs(sink, eventId, count, 20_000).catch(() =>
		handoffsFor(sink, eventId),
	);
	for (const { item } of handoffs) {
		const { data, properties, ...fields } = item;
		process.stdout.write(`  item     ${JSON.stringify(fields)}\n`);
		process.stdout.write(`           data ${JSON.stringify(data)}\n`);
	}
}

async function main(): Promise<void> {
	const version = option('--version') ?? N8N_VERSIONS[N8N_VERSIONS.length - 1];
	const keep = process.argv.includes('--keep');

	process.stdout.write(`Starting n8n ${version} on loopback with n8n-nodes-employment-hero…\n`);
	const sink = await startSink();
	const n8n = await startN8n({
		version,
		credentials: [webhookCredential({ id: 'demoSecret', secret: SECRET })],
		workflows: [
			handoffWorkflow({
				id: 'ehDemo',
				name: 'Employment Hero demo: trigger -> handoff',
				webhookId: WEBHOOK_ID,
				credentialId: 'demoSecret',
				sinkUrl: sink.url,
			}),
			handoffWorkflow({
				id: 'ehDemoWait',
				name: 'Employment Hero demo: respond when the workflow succeeds',
				webhookId: WAITING_WEBHOOK_ID,
				credentialId: 'demoSecret',
				sinkUrl: sink.url,
				triggerParameters: { responseMode: 'afterSuccess' },
			}),
		],
	});
	const url = n8n.webhookUrl(WEBHOOK_ID);
	process.stdout.write(`Production URL: ${url}\n`);

	const update = workItem('demo-delivery-1', [
		['EmployeeUpdated', 1001],
		['LeaveRequestCreated', 'lr-77'],
	]);
	await step('A signed Payroll delivery with two notifications', url, update);
	await showItems(sink, 'demo-delivery-1', 2);

	await step('The same delivery again (a replay)', url, update);

	await step('A forged delivery (signed with another secret)', url, workItem('demo-forged', [['EmployeeUpdated', 1]]), {
		secret: 'not-the-secret',
	});

	const padding = 'x'.repeat(1_048_577);
	await step('An oversize delivery (over 1 MiB)', url, JSON.stringify({ Id: 'demo-big', pad: padding }));

	await step('A delete', url, workItem('demo-delivery-2', [['EmployeeDeleted', 1002]]));
	await showItems(sink, 'demo-delivery-2', 1);

	process.stdout.write('\n▶ The signing CLI sends a sample (npx n8n-nodes-employment-hero send …)\n');
	const cli = spawnSync(
		process.execPath,
		['dist/cli/index.js', 'send', '--url', url, '--sample', 'EmployeeUpdated', '--secret', SECRET],
		{ encoding: 'utf8' },
	);
	process.stdout.write(`${cli.stderr}${cli.stdout}`.trim().replace(/^/gm, '  ') + '\n');
	const sampleId = /"eventId":"([^"]+)"/.exec(cli.stdout)?.[1];
	if (sampleId) await showItems(sink, sampleId, 1);

	const waiting = n8n.webhookUrl(WAITING_WEBHOOK_ID);
	const retried = workItem('demo-delivery-3', [['EmployeeUpdated', 1003]]);
	process.stdout.write(`\nA second workflow answers only once its run succeeded: ${waiting}\n`);
	sink.answerWith(500);
	await step('A delivery whose workflow fails downstream (its HTTP step gets a 500)', waiting, retried);
	sink.answerWith(200);
	await step('Employment Hero retries it; this time the workflow succeeds', waiting, retried);
	await step('And once more (a replay after success)', waiting, retried);

	const executions = new Set(sink.received().map((request) => (request.body as { executionId: string }).executionId));
	process.stdout.write(
		`\nWorkflow executions: ${executions.size} (one per accepted delivery, and the failed run that was retried)\n`,
	);

	if (keep) {
		const setup = await fetch(`${n8n.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		process.stdout.write(
			`\nn8n keeps running: open ${n8n.baseUrl} and log in as ${OWNER.email} / ${OWNER.password}` +
				`${setup.ok ? '' : ` (owner setup answered ${setup.status})`}.\n` +
				`Send your own deliveries to ${url} signed with "${SECRET}". Press Ctrl+C to stop.\n`,
		);
		await new Promise<void>((resolve) => {
			process.once('SIGINT', resolve);
			process.once('SIGTERM', resolve);
		});
	}

	await n8n.close();
	await sink.close();
	process.stdout.write('n8n stopped.\n');
}

main().catch((error: Error) => {
	process.stderr.write(`Demo failed: ${error.message}\n`);
	process.exit(1);
});
