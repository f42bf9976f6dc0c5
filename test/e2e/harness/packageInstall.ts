import { execFile } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, readdirSync } from 'fs';
import { cp, mkdir, mkdtemp, rename, rm, writeFile } from 'fs/promises';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const repoRoot = join(__dirname, '..', '..', '..');

/**
 * The flags n8n itself passes to npm when it installs a community package (see
 * `modules/community-packages/community-packages.service.js` in both pinned versions). n8n drops
 * peer dependencies before installing; `--legacy-peer-deps` has the same effect, so `n8n-workflow`
 * resolves to n8n's own copy as it does for users.
 */
const npmInstallFlags = [
	'--audit=false',
	'--fund=false',
	'--bin-links=false',
	'--install-strategy=shallow',
	'--ignore-scripts=true',
	'--package-lock=false',
	'--legacy-peer-deps',
	'--prefer-offline',
];

/** Fails with what to do when `npm run build` has not produced what package.json promises n8n. */
function assertBuilt(): void {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const promised = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = promised.filter((file) => !existsSync(join(repoRoot, file)));
	if (promised.length === 0 || missing.length > 0) {
		throw new Error(
			`The package is not built (missing ${missing.join(', ') || 'an "n8n" section'}). ` +
				'Run `npm run build` before the e2e tests.',
		);
	}
}

/** A digest of what `npm pack` ships (package.json and dist/), naming the cached install. */
function buildDigest(): string {
	const hash = createHash('sha256');
	const add = (path: string): void => {
		hash.update(relative(repoRoot, path)).update('\0').update(readFileSync(path)).update('\0');
	};
	add(join(repoRoot, 'package.json'));
	const dist = readdirSync(join(repoRoot, 'dist'), { recursive: true, withFileTypes: true });
	for (const entry of dist) {
		if (entry.isFile()) add(join(entry.parentPath ?? entry.path, entry.name));
	}
	return hash.digest('hex').slice(0, 16);
}

const packageName = 'n8n-nodes-employment-hero';

/** The manifest n8n keeps in its `nodes` folder, listing installed community packages. */
async function writeManifest(
	nodesDir: string,
	dependencies: Record<string, string>,
): Promise<void> {
	const manifest = { name: 'installed-nodes', private: true, dependencies };
	await writeFile(join(nodesDir, 'package.json'), JSON.stringify(manifest, null, 2));
}

/** `npm pack` of the repository, then `npm install` of that tarball into an n8n `nodes` folder. */
async function buildNodesFolder(target: string): Promise<void> {
	const work = await mkdtemp(`${target}.tmp-`);
	try {
		const packArgs = ['pack', '--json', '--ignore-scripts', '--pack-destination', work];
		const packed = await run('npm', packArgs, { cwd: repoRoot });
		const [{ filename }] = JSON.parse(packed.stdout) as Array<{ filename: string }>;

		const nodesDir = join(work, 'nodes');
		await mkdir(nodesDir);
		await writeManifest(nodesDir, {});
		await run('npm', ['install', ...npmInstallFlags, join(work, filename)], { cwd: nodesDir });
		// npm recorded the tarball's temporary path; n8n records the installed version instead.
		const { name, version } = JSON.parse(
			readFileSync(join(nodesDir, 'node_modules', packageName, 'package.json'), 'utf8'),
		) as { name: string; version: string };
		await writeManifest(nodesDir, { [name]: version });

		// Jest workers may race to build the same digest; the first rename wins, the others reuse it.
		await rename(nodesDir, target).catch((error: NodeJS.ErrnoException) => {
			if (!existsSync(target)) throw error;
		});
	} finally {
		await rm(work, { recursive: true, force: true });
	}
}

/**
 * Installs the packed package into `<userFolder>/.n8n/nodes`, where n8n loads community packages
 * from. The pack and install are cached by build digest in the temp directory, so they happen once
 * per build rather than per test file (jest gives every file fresh module state); each instance
 * gets a copy.
 */
export async function installPackage(userFolder: string): Promise<void> {
	assertBuilt();
	const cached = join(tmpdir(), `eh-e2e-nodes-${buildDigest()}`);
	if (!existsSync(cached)) await buildNodesFolder(cached);
	await cp(cached, join(userFolder, '.n8n', 'nodes'), { recursive: true });
}
