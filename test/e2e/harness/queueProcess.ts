import { readFileSync } from 'fs';
import { mkdir } from 'fs/promises';
import { join } from 'path';

import { n8nEnv } from './env';
import { installPackage } from './packageInstall';
import { freePort } from './ports';
import {
	killGroup,
	orphanGuardFlags,
	startInGroup,
	stopGroup,
	type Started,
} from './processes';
import { queueEnv, type QueueRole, type QueueSettings } from './queueEnv';
import { waitUntilReady } from './readiness';
import type { N8nRuntime } from './runtime';

/** Workers wait up to N8N_GRACEFUL_SHUTDOWN_TIMEOUT (10 s) for running jobs; past this, kill. */
const STOP_TIMEOUT_MS = 20_000;

/** What each command logs once it has finished starting (the same in both pinned versions). */
const STARTED: Record<QueueRole, string> = {
	start: 'Editor is now accessible via',
	webhook: 'Webhook listener waiting for requests.',
	worker: 'n8n worker is now ready',
};

/** One running n8n process of a queue-mode deployment. */
export interface QueueProcess {
	role: QueueRole;
	/** e.g. `webhook-2`; also the name of its user folder. */
	name: string;
	/** Its HTTP server: the editor (main), production webhooks (webhook), health (worker). */
	baseUrl: string;
	userFolder: string;
	/** Everything the process wrote to stdout and stderr. */
	logs(): string;
	/** SIGTERM and wait; SIGKILL if still running after 20 s. No-op once stopped. */
	stop(): Promise<void>;
	/** SIGKILL the process and its task runners at once, as a crash would. */
	kill(): Promise<void>;
}

/** A process whose user folder and environment are ready, e.g. for the CLI, but not started. */
export interface PreparedProcess {
	name: string;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	/** Starts the process; `ready` then resolves once it is, or kills it and rejects. */
	launch(): Launched;
}

export interface Launched {
	process: QueueProcess;
	ready(webhookPaths: string[], timeoutMs: number): Promise<void>;
}

/**
 * Gives one process a user folder of its own under `root`, with the packed package installed:
 * n8n keeps per-process files there (crash journal, event log), which processes must not share.
 */
export async function prepareProcess(
	runtime: N8nRuntime,
	role: QueueRole,
	name: string,
	root: string,
	settings: QueueSettings,
	overrides: Record<string, string> = {},
): Promise<PreparedProcess> {
	const userFolder = join(root, name);
	await mkdir(userFolder);
	await installPackage(userFolder);
	const ports = { http: await freePort(), broker: await freePort() };
	const healthPort = await freePort();
	const env = n8nEnv(runtime, userFolder, ports, {
		...queueEnv(role, settings, healthPort),
		...overrides,
	});
	const baseUrl = `http://127.0.0.1:${role === 'worker' ? healthPort : ports.http}`;
	const logPath = join(userFolder, 'n8n.log');

	const launch = (): Launched => {
		const args = [...orphanGuardFlags, runtime.bin, role];
		const launched = startInGroup(runtime.node, args, env, logPath);
		let running: Started | undefined = launched;
		const n8n: QueueProcess = {
			role,
			name,
			baseUrl,
			userFolder,
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
		};
		const ready = async (webhookPaths: string[], timeoutMs: number): Promise<void> => {
			try {
				await waitUntilReady({
					baseUrl,
					startedMarker: STARTED[role],
					webhookPaths,
					logPath,
					logOffset: 0,
					exited: launched.exited,
					timeoutMs,
				});
			} catch (error) {
				await n8n.kill();
				throw error;
			}
		};
		return { process: n8n, ready };
	};

	return { name, userFolder, env, launch };
}
