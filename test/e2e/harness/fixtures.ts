import { mkdir, writeFile } from 'fs/promises';
import { join } from 'path';

import { runCli } from './cli';
import { hasCommand, type N8nRuntime } from './runtime';
import type { CredentialJson, WorkflowJson } from './types';

/**
 * Puts credentials and workflows into a stopped instance's database with n8n's own CLI, then
 * makes the `active` ones live. Each command boots n8n, so whole lists go in one command each.
 *
 * Activation differs by version, and only takes effect at the next `n8n start`:
 * - 2.x: `publish:workflow --id=X`, one workflow per command (`--all` was removed), which points
 *   the workflow's `activeVersionId` at its current version.
 * - 1.x: `update:workflow --active=true` sets `activeVersionId` to the current version too, and
 *   still accepts `--all`. `import:workflow` itself always imports workflows inactive.
 */
export async function importFixtures(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	userFolder: string,
	workflows: WorkflowJson[],
	credentials: CredentialJson[],
): Promise<void> {
	const dir = join(userFolder, 'fixtures');
	const logPath = join(userFolder, 'cli.log');
	await mkdir(dir, { recursive: true });
	const cli = async (...args: string[]): Promise<void> => await runCli(runtime, env, args, logPath);

	if (credentials.length > 0) {
		const file = join(dir, 'credentials.json');
		await writeFile(file, JSON.stringify(credentials, null, '\t'));
		await cli('import:credentials', `--input=${file}`);
	}

	if (workflows.length > 0) {
		const file = join(dir, 'workflows.json');
		await writeFile(file, JSON.stringify(workflows, null, '\t'));
		await cli('import:workflow', `--input=${file}`);
	}

	const active = workflows.filter((workflow) => workflow.active).map((workflow) => workflow.id);
	if (hasCommand(runtime, 'publish/workflow')) {
		for (const id of active) await cli('publish:workflow', `--id=${id}`);
	} else if (active.length > 0 && active.length === workflows.length) {
		await cli('update:workflow', '--all', '--active=true');
	} else {
		for (const id of active) await cli('update:workflow', `--id=${id}`, '--active=true');
	}
}
