import { existsSync, readFileSync, statSync } from 'fs';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';

import { n8nEnv, type InstancePorts } from './env';
import { importFixtures } from './fixtures';
import { track } from './lifecycle';
import { installPackage } from './packageInstall';
import { freePort } from './ports';
import {
	killGroup,
	orphanGuardFlags,
	startInGroup,
	stopGroup,
	type Started,
} from './processes';
import { waitUntilReady, webhookPaths } from './readiness';
import { n8nRuntime } from './runtime';
import type { CredentialJson, WorkflowJson } from './types';

/** n8n gets N8N_GRACEFUL_SHUTDOWN_TIMEOUT=10 s; past this, stop() kills it. */
const STOP_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 60_000;

export interface StartN8nOptions {
	/** One of N8N_VERSIONS. */
	version: string;
	/** Imported before the first start; those with `active: true` are activated. */
	workflows?: WorkflowJson[];
	credentials?: CredentialJson[];
	/** Extra or overriding environment for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Production webhook paths (after `/webhook/`) to wait for; by default from `workflows`. */
	webhookPaths?: string[];
	readyTimeoutMs?: number;
}

export interface N8nInstance {
	version: string;
	/** `http://127.0.0.1:<port>`, without a trailing slash. */
	baseUrl: string;
	/** The instance's N8N_USER_FOLDER (database, installed package, logs, imported fixtures). */
	userFolder: string;
	/** Production URL of a webhook node: `<baseUrl>/webhook/<webhookId>/<path>`. */
	webhookUrl(webhookId: string, path?: string): string;
	/** Everything n8n wrote to stdout and stderr, across restarts. CLI output is in `cli.log`. */
	logs(): string;
	/** SIGTERM and wait; SIGKILL if n8n has not exited within 20 s. No-op when not running. */
	stop(): Promise<void>;
	/** SIGKILL n8n and its task runners at once, as a crash would. */
	kill(): Promise<void>;
	/** Stops n8n if running and starts it again on the same database and ports; waits until ready. */
	restart(): Promise<void>;
	/** Stops n8n and deletes the user folder (kept when EH_E2E_KEEP is set). Runs after each file. */
	close(): Promise<void>;
}

/**
 * Starts a real n8n of a pinned version with this package installed as a community package, the
 * given credentials and workflows imported and activated, and waits until its webhooks answer.
 */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	const runtime = n8nRuntime(options.version);
	// Outside the repository on purpose: from inside it, our package would resolve the repository's
	// n8n-workflow instead of n8n's own copy, which is not what users get.
	const userFolder = await mkdtemp(join(tmpdir(), `eh-n8n-${options.version}-`));
	const ports: InstancePorts = { http: await freePort(), broker: await freePort() };
	const env = n8nEnv(runtime, userFolder, ports, options.env);
	const baseUrl = `http://127.0.0.1:${ports.http}`;
	const logPath = join(userFolder, 'n8n.log');
	const workflows = options.workflows ?? [];
	let running: Started | undefined;

	const launch = async (): Promise<void> => {
		const logOffset = existsSync(logPath) ? statSync(logPath).size : 0;
		running = startInGroup(runtime.node, [...orphanGuardFlags, runtime.bin, 'start'], env, logPath);
		try {
			await waitUntilReady({
				baseUrl,
				webhookPaths: options.webhookPaths ?? webhookPaths(workflows),
				logPath,
				logOffset,
				exited: running.exited,
				timeoutMs: options.readyTimeoutMs ?? READY_TIMEOUT_MS,
			});
		} catch (error) {
			await instance.kill();
			throw error;
		}
	};

	const instance: N8nInstance = {
		version: options.version,
		baseUrl,
		userFolder,
		webhookUrl: (webhookId, path = 'webhook') => `${baseUrl}/webhook/${webhookId}/${path}`,
		logs: () => readFileSync(logPath, 'utf8'),
		async stop() {
			const current = running;
			running = undefined;
			if (current) await stopGroup(current, STOP_TIMEOUT_MS);
		},
		async kill() {
			const current = running;
			running = undefined;
			if (current) await killGroup(current);
		},
		async restart() {
			await instance.stop();
			await launch();
		},
		async close() {
			await instance.stop();
			if (!process.env.EH_E2E_KEEP) await rm(userFolder, { recursive: true, force: true });
		},
	};
	track(instance);

	await installPackage(userFolder);
	await importFixtures(runtime, env, userFolder, workflows, options.credentials ?? []);
	await launch();
	return instance;
}
