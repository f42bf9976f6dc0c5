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
 */
export { N8N_VERSIONS } from './n8nVersions';
export { startN8n, type N8nInstance, type StartN8nOptions } from './n8n';
export { localPostgres, localRedis } from './localServices';
export { startSink, type Sink, type SinkRequest } from './sink';
export {
	coreWebhookWorkflow,
	handoffWorkflow,
	sinkNode,
	TRIGGER_NODE_TYPE,
	type HandoffWorkflowOptions,
} from './workflows';
export { webhookCredential, type WebhookCredentialOptions } from './credentials';
export { closeAll } from './lifecycle';
export type { CredentialJson, NodeJson, WorkflowJson } from './types';
