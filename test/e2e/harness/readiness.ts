import { readFileSync } from 'fs';

import { logTail } from './logTail';
import type { WorkflowJson } from './types';

/** Printed by `n8n start` (both pinned versions) once its startup sequence has finished. */
const STARTED = 'Editor is now accessible via';

/** Logged when an active workflow fails to activate: 1.x (and 2.x's legacy path), then 2.x. */
const ACTIVATION_FAILED = [
	'Issue on initial workflow activation try of',
	'Published version holds node types this instance cannot load',
	'Workflow partially published; some triggers failed to activate',
];

/**
 * The production webhook paths (after `/webhook/`) that the active workflows register. n8n's own
 * Webhook node uses its `path` parameter as the whole path; other webhook nodes, such as our
 * trigger whose webhook path is `webhook`, register `<webhookId>/webhook`.
 */
export function webhookPaths(workflows: WorkflowJson[]): string[] {
	return workflows
		.filter((workflow) => workflow.active)
		.flatMap((workflow) => workflow.nodes)
		.filter((node) => node.webhookId !== undefined && node.disabled !== true)
		.map((node) =>
			node.type === 'n8n-nodes-base.webhook'
				? String(node.parameters.path)
				: `${node.webhookId}/webhook`,
		);
}

export interface ReadinessCheck {
	baseUrl: string;
	/** The log line that ends startup; `n8n start`'s by default (webhook and worker say others). */
	startedMarker?: string;
	webhookPaths: string[];
	logPath: string;
	/** Where this start's output begins in the log, which keeps earlier starts' lines. */
	logOffset: number;
	/** Settles when the n8n process exits, which ends the wait at once. */
	exited: Promise<unknown>;
	timeoutMs: number;
}

/**
 * Waits until n8n (`n8n start` unless another marker is given) has finished starting up, answers
 * `/healthz`, and has registered every expected production webhook. The webhooks need their own
 * check because 2.x activates workflows in the background after startup. A webhook is probed with
 * a CORS preflight, which n8n answers from its webhook registry without running the workflow.
 */
export async function waitUntilReady(check: ReadinessCheck): Promise<void> {
	let exited = false;
	void check.exited.then(() => (exited = true));
	const deadline = Date.now() + check.timeoutMs;
	let pending = 'the end of startup';

	while (Date.now() < deadline) {
		if (exited) throw notReady(check, 'n8n exited before it was ready');

		const log = readFileSync(check.logPath).subarray(check.logOffset).toString('utf8');
		if (log.includes(check.startedMarker ?? STARTED) && (await isHealthy(check.baseUrl))) {
			const waiting: string[] = [];
			for (const path of check.webhookPaths) {
				if (!(await isRegistered(`${check.baseUrl}/webhook/${path}`))) waiting.push(path);
			}
			if (waiting.length === 0) return;
			pending = `webhooks ${waiting.join(', ')}`;
		}
		// Checked only while something is missing, so a test may start n8n with a workflow that is
		// meant to fail activation as long as it does not wait for that workflow's webhook.
		if (ACTIVATION_FAILED.some((marker) => log.includes(marker))) {
			throw notReady(check, 'n8n could not activate a workflow');
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw notReady(check, `n8n was not ready within ${check.timeoutMs} ms (waiting for ${pending})`);
}

async function isHealthy(baseUrl: string): Promise<boolean> {
	return (await request(`${baseUrl}/healthz`, 'GET'))?.status === 200;
}

/**
 * n8n's webhook handler answers a preflight that carries an Origin with the methods registered for
 * the path in `Access-Control-Allow-Methods`. An unknown path gets 404 (1.x) or 204 listing only
 * OPTIONS (2.x), and before n8n has added its webhook routes Express may answer on its own (200,
 * `Allow: GET,HEAD`); none of these count.
 */
async function isRegistered(url: string): Promise<boolean> {
	const response = await request(url, 'OPTIONS', { origin: 'http://127.0.0.1' });
	const methods = response?.headers.get('access-control-allow-methods')?.split(',') ?? [];
	return response?.status === 204 && methods.some((method) => method.trim() !== 'OPTIONS');
}

/** One request's answer, or undefined when n8n is not listening yet or is too slow. */
async function request(
	url: string,
	method: string,
	headers: Record<string, string> = {},
): Promise<Response | undefined> {
	try {
		const response = await fetch(url, { method, headers, signal: AbortSignal.timeout(2_000) });
		await response.arrayBuffer();
		return response;
	} catch {
		// The polling loop retries until its deadline; the final error carries n8n's log.
		return undefined;
	}
}

function notReady(check: ReadinessCheck, reason: string): Error {
	return new Error(`${reason}.\n${logTail(check.logPath)}`);
}
