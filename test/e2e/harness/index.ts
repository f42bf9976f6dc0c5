/**
 * End-to-end harness: a real n8n (each pinned version) with this package installed the way n8n
 * installs community packages, plus a loopback sink that workflows forward items to.
 *
 *   const sink = await startSink();
 *   const n8n = await startN8n({
 *     version,                                   // one of N8N_VERSIONS
 *     credentials: [webhookCredential({ id: 'ehCred1', secret })],
 *     workflows: [
 *       handoffWorkflow({
 *         id: 'ehFlow1', name: 'Handoff', webhookId, credentialId: 'ehCred1', sinkUrl: sink.url,
 *       }),
 *     ],
 *   });
 *   await fetch(n8n.webhookUrl(webhookId), { method: 'POST', body, headers });
 *   const [request] = await sink.waitForCount(1);   // request.body = { item, executionId }
 *
 * - Run `npm run build` first; the harness packs dist/ and fails with that advice if it is missing.
 * - n8n is installed by `scripts/install-n8n.sh` into $EH_N8N_CACHE (default
 *   ~/.cache/n8n-nodes-employment-hero) and runs on the Node it installs there.
 * - `startN8n` returns once n8n has started and every active workflow's production webhook is
 *   registered (see readiness.ts); pass `webhookPaths` when the default derivation does not fit.
 * - Each instance has its own temp user folder (SQLite), free ports, and logs at debug level:
 *   `n8n.logs()` is the server output, `<userFolder>/cli.log` the import and activation commands.
 *   To assert on what happened after some point, slice `n8n.logs()` from its earlier length.
 * - Instances and sinks are closed after each test file automatically; call `stop()`/`close()`
 *   earlier when a test needs to. Set EH_E2E_KEEP=1 to keep user folders for inspection.
 * - If jest dies, each n8n notices it lost its parent and kills itself (orphanGuard.js).
 * - Budget hook timeouts generously: a start imports with the CLI first (one n8n boot per command,
 *   and on 2.x one per active workflow) and then boots n8n, several seconds each.
 *
 * Queue mode (see queueMode.ts): `startQueueMode({ version, workflows, credentials })` starts one
 * main, two `n8n webhook` and two `n8n worker` processes on a fresh database on the machine's
 * Postgres (PGHOST etc.) and on the machine's Redis (EH_E2E_REDIS_HOST, _PORT, _DB; database 9 by
 * default, keys under a prefix of the deployment's own), and returns once all are ready.
 * Deliveries go to `deployment.webhookUrl(webhookId, i)`, the webhook process `i`; `close()` (also
 * run after each file) stops them and removes the database, the Redis keys and the user folders.
 */
export { N8N_VERSIONS } from './n8nVersions';
export { startN8n, type N8nInstance, type StartN8nOptions } from './n8n';
export { startQueueMode, type QueueDeployment, type StartQueueModeOptions } from './queueMode';
export type { QueueProcess } from './queueProcess';
export { localPostgres, localRedis } from './localServices';
export { startSink, type Sink, type SinkRequest } from './sink';
export {
	coreWebhookWorkflow,
	handoffWorkflow,
	ledgerNode,
	LEDGER_NODE_TYPE,
	sinkNode,
	TRIGGER_NODE_TYPE,
	type HandoffWorkflowOptions,
	type LedgerNodeOptions,
} from './workflows';
export { webhookCredential, type WebhookCredentialOptions } from './credentials';
export { closeAll } from './lifecycle';
export type { CredentialJson, NodeJson, WorkflowJson } from './types';
