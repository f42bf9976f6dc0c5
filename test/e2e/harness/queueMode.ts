import { randomBytes } from 'crypto';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';

import { importFixtures } from './fixtures';
import { track } from './lifecycle';
import { localPostgres, localRedis } from './localServices';
import { createDatabase, dropDatabase } from './queueDatabase';
import { prepareProcess, type QueueProcess } from './queueProcess';
import type { QueueSettings } from './queueEnv';
import { webhookPaths } from './readiness';
import { assertRedis, deleteKeys } from './redis';
import { n8nRuntime } from './runtime';
import type { CredentialJson, WorkflowJson } from './types';

const READY_TIMEOUT_MS = 120_000;

export interface StartQueueModeOptions {
	/** One of N8N_VERSIONS. */
	version: string;
	/** Imported before the first start; those with `active: true` are activated. */
	workflows?: WorkflowJson[];
	credentials?: CredentialJson[];
	/** How many `n8n webhook` processes; 2 by default. */
	webhookProcesses?: number;
	/** How many `n8n worker` processes; 2 by default. */
	workers?: number;
	/** Extra or overriding environment for every process. */
	env?: Record<string, string>;
	/** Production webhook paths each webhook process must serve; by default from `workflows`. */
	webhookPaths?: string[];
	readyTimeoutMs?: number;
}

export interface QueueDeployment {
	version: string;
	/** n8n's own database, created on the machine's Postgres for this deployment. */
	database: string;
	/** Prefix of this deployment's Redis keys (and, in 2.x, pub/sub channels). */
	redisPrefix: string;
	main: QueueProcess;
	webhooks: QueueProcess[];
	workers: QueueProcess[];
	/** Production URL of a webhook node on webhook process `index` (0-based). */
	webhookUrl(webhookId: string, index: number, path?: string): string;
	/**
	 * Stops every process (webhooks, then workers, then the main), drops the database, deletes
	 * the Redis keys and the user folders (kept when EH_E2E_KEEP is set). Runs after each file.
	 */
	close(): Promise<void>;
}

/**
 * Starts n8n in queue mode on loopback: one main, webhook processes and workers sharing a fresh
 * database on the machine's Postgres and the machine's Redis (under a prefix of their own), each
 * with its own user folder holding the packed package. Resolves once the main is up, every
 * webhook process serves every expected production webhook and every worker is ready.
 *
 * The CLI imports the fixtures into the database first (the first command also creates n8n's
 * tables); the main then activates the workflows, which records their webhooks in the database,
 * where the webhook processes look them up. Both pinned versions work this way.
 */
export async function startQueueMode(options: StartQueueModeOptions): Promise<QueueDeployment> {
	const runtime = n8nRuntime(options.version);
	await assertRedis(runtime, localRedis);
	const token = `eh_queue_${randomBytes(5).toString('hex')}`;
	const settings: QueueSettings = {
		postgres: localPostgres,
		database: token,
		redis: localRedis,
		prefix: token,
	};
	const root = await mkdtemp(join(tmpdir(), `eh-queue-${options.version}-`));
	const started: QueueProcess[] = [];
	let closing: Promise<void> | undefined;

	const close = async (): Promise<void> => {
		closing ??= (async () => {
			const stopAll = async (role: QueueProcess['role']) =>
				await Promise.all(started.filter((p) => p.role === role).map(async (p) => await p.stop()));
			// Senders first, so that no new job is queued while workers drain.
			await stopAll('webhook');
			await stopAll('worker');
			await stopAll('start');
			// Each step runs even if another failed: none of them may be left behind.
			const failed = (
				await Promise.allSettled([
					dropDatabase(localPostgres, token),
					deleteKeys(runtime, localRedis, token),
					process.env.EH_E2E_KEEP ? Promise.resolve() : rm(root, { recursive: true, force: true }),
				])
			).filter((result): result is PromiseRejectedResult => result.status === 'rejected');
			if (failed.length > 0) {
				const reasons = failed.map((result) => result.reason as unknown);
				throw new AggregateError(reasons, `Queue-mode deployment ${token} was not fully removed.`);
			}
		})();
		await closing;
	};
	track({ close });

	try {
		await createDatabase(localPostgres, token);
		const prepare = (role: QueueProcess['role'], name: string) =>
			prepareProcess(runtime, role, name, root, settings, options.env);
		const main = await prepare('start', 'main');
		const several = (role: QueueProcess['role'], count: number) =>
			Promise.all(Array.from({ length: count }, (_, i) => prepare(role, `${role}-${i + 1}`)));
		const webhookers = await several('webhook', options.webhookProcesses ?? 2);
		const workerProcesses = await several('worker', options.workers ?? 2);

		const workflows = options.workflows ?? [];
		await importFixtures(runtime, main.env, main.userFolder, workflows, options.credentials ?? []);

		const timeout = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
		const paths = options.webhookPaths ?? webhookPaths(workflows);
		const launch = async (prepared: typeof main, expected: string[]): Promise<QueueProcess> => {
			const { process: n8n, ready } = prepared.launch();
			started.push(n8n);
			await ready(expected, timeout);
			return n8n;
		};
		// The main first: it records the webhooks that the webhook processes wait to see.
		const mainProcess = await launch(main, []);
		const [webhooks, workers] = await Promise.all([
			Promise.all(webhookers.map(async (prepared) => await launch(prepared, paths))),
			Promise.all(workerProcesses.map(async (prepared) => await launch(prepared, []))),
		]);

		return {
			version: options.version,
			database: token,
			redisPrefix: token,
			main: mainProcess,
			webhooks,
			workers,
			webhookUrl: (webhookId, index, path = 'webhook') =>
				`${webhooks[index].baseUrl}/webhook/${webhookId}/${path}`,
			close,
		};
	} catch (error) {
		await close();
		throw error;
	}
}
