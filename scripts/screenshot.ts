import { mkdir, writeFile } from 'fs/promises';
import { dirname, join } from 'path';

import { N8N_VERSIONS, startN8n, webhookCredential } from '../test/e2e/harness';
import { startEmploymentHeroMock } from '../test/mocks/employmentHeroApi';
import { setUpOwner } from '../test/e2e/setup/ownerSession';
import { payrollCredential } from '../test/e2e/setup/registrationWorkflow';
import { launchChromium, type Browser } from './screenshot/chromium';
import { exampleWorkflow } from './screenshot/exampleWorkflow';

/**
 * Keeps docs/example-workflow.png current: starts the pinned n8n (the newest, or --version) with
 * the example workflow through the test harness, sets up an owner, opens the workflow in headless
 * Debian Chromium (`apt-get install -y chromium`) and saves what the editor shows.
 *
 *   npm run build && npx tsx scripts/screenshot.ts [--version 1.123.81] [--out docs/example-workflow.png]
 */
const SIZE = { width: 1440, height: 810 };
const WORKFLOW_ID = 'employmentHeroExample';

function option(name: string): string | undefined {
	const at = process.argv.indexOf(name);
	return at === -1 ? undefined : process.argv[at + 1];
}

async function main(): Promise<void> {
	const version = option('--version') ?? N8N_VERSIONS[N8N_VERSIONS.length - 1];
	const out = option('--out') ?? join(__dirname, '..', 'docs', 'example-workflow.png');

	// The Payroll credential must point somewhere; it points at a loopback mock, never called.
	const mock = await startEmploymentHeroMock();
	const n8n = await startN8n({
		version,
		credentials: [
			webhookCredential({ id: 'Employment Hero Webhook', secret: 'screenshot-secret-not-used' }),
			payrollCredential('Employment Hero Payroll', mock.url, mock.payrollApiKey),
		],
		workflows: [
			exampleWorkflow({
				id: WORKFLOW_ID,
				webhookId: 'employment-hero-example',
				webhookCredentialId: 'Employment Hero Webhook',
				payrollCredentialId: 'Employment Hero Payroll',
			}),
		],
	});
	let browser: Browser | undefined;
	try {
		const owner = await setUpOwner(n8n.baseUrl);
		browser = await launchChromium(SIZE);
		const png = await capture(browser, n8n.baseUrl, owner.cookie);
		await mkdir(dirname(out), { recursive: true });
		await writeFile(out, png);
		process.stdout.write(`Saved ${out} (n8n ${version}, ${png.length} bytes)\n`);
	} finally {
		await browser?.close();
		await n8n.close();
		await mock.close();
	}
}

async function capture(browser: Browser, baseUrl: string, cookie: string): Promise<Buffer> {
	const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
	const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
	const page = async (method: string, params?: Record<string, unknown>) =>
		await browser.send(method, params, sessionId);

	await page('Emulation.setDeviceMetricsOverride', {
		...SIZE,
		deviceScaleFactor: 1,
		mobile: false,
	});
	const [name, value] = cookie.split('=');
	await page('Network.enable');
	await page('Network.setCookie', { name, value, url: baseUrl });
	await page('Page.enable');
	await page('Page.navigate', { url: `${baseUrl}/workflow/${WORKFLOW_ID}` });

	const evaluate = async (expression: string) =>
		(await page('Runtime.evaluate', { expression, returnByValue: true })).result?.value;
	const deadline = Date.now() + 60_000;
	while ((await evaluate("document.querySelectorAll('.vue-flow__node').length")) < 6) {
		if (Date.now() > deadline) {
			const text = await evaluate('document.body && document.body.innerText.slice(0, 500)');
			throw new Error(`The editor did not show the workflow's 6 nodes in time. Page: ${text}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	// Let the canvas finish fitting the view and the node icons load.
	await new Promise((resolve) => setTimeout(resolve, 2500));

	const { data } = await page('Page.captureScreenshot', { format: 'png' });
	return Buffer.from(data as string, 'base64');
}

main().catch((error: Error) => {
	process.stderr.write(`Screenshot failed: ${error.message}\n`);
	process.exit(1);
});
