import { hasModule, nodeBinDir, type N8nRuntime } from './runtime';

/** Fixed, so that credentials imported by the CLI can be decrypted by every later start. */
export const TEST_ENCRYPTION_KEY = 'eh-e2e-encryption-key-not-a-secret';

/** Ports an instance listens on; each n8n on the machine needs its own pair. */
export interface InstancePorts {
	http: number;
	broker: number;
}

/**
 * Backend modules that call n8n's servers on their own at startup; disabled where the installed
 * n8n has them (naming a module that a version lacks makes that version refuse to start).
 */
const phoningModules = ['mcp-registry'];

/**
 * The environment of every n8n process (server and CLI) of one instance: isolated (own user
 * folder, ports, loopback only), quiet towards the internet, and logging enough for assertions.
 * Only variables are set that both pinned versions understand, unless guarded by a feature check.
 */
export function n8nEnv(
	runtime: N8nRuntime,
	userFolder: string,
	ports: InstancePorts,
	overrides: Record<string, string> = {},
): NodeJS.ProcessEnv {
	const disabledModules = phoningModules.filter((name) => hasModule(runtime, name));
	return {
		// n8n starts its JavaScript task runner as plain `node`; this makes it the pinned Node too.
		PATH: `${nodeBinDir(runtime)}:${process.env.PATH ?? ''}`,
		HOME: process.env.HOME,
		TZ: 'UTC',
		NO_COLOR: '1',

		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',

		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(ports.http),
		WEBHOOK_URL: `http://127.0.0.1:${ports.http}/`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(ports.broker),
		N8N_SECURE_COOKIE: 'false',

		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'console',
		// Below the harness's own stop bound, so a stuck shutdown shows up as n8n's, not as a kill.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',

		// No calls home: telemetry, version checks, templates, banners, license server, Sentry.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_LICENSE_DETACH_FLOATING_ON_SHUTDOWN: 'false',
		N8N_SENTRY_DSN: '',
		N8N_FRONTEND_SENTRY_DSN: '',
		EXTERNAL_HOOK_FILES: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		// Community packages load from the user folder; never look packages up on npm.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		...(disabledModules.length > 0 ? { N8N_DISABLED_MODULES: disabledModules.join(',') } : {}),

		...overrides,
	};
}
