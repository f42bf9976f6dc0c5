import { logTail } from './logTail';
import { orphanGuardFlags, signalGroup, startInGroup, within } from './processes';
import type { N8nRuntime } from './runtime';

/** Generous: a CLI command boots n8n (migrations included on a fresh database) in a few seconds. */
const CLI_TIMEOUT_MS = 120_000;

/** Runs one n8n CLI command to completion, appending its output to `logPath`. */
export async function runCli(
	runtime: N8nRuntime,
	env: NodeJS.ProcessEnv,
	args: string[],
	logPath: string,
): Promise<void> {
	const { child, exited } = startInGroup(
		runtime.node,
		[...orphanGuardFlags, runtime.bin, ...args],
		env,
		logPath,
	);
	if (!(await within(exited, CLI_TIMEOUT_MS))) {
		signalGroup(child.pid, 'SIGKILL');
		throw new Error(
			`n8n ${args.join(' ')} did not finish within ${CLI_TIMEOUT_MS} ms.\n${logTail(logPath)}`,
		);
	}

	const { code, signal } = await exited;
	if (code !== 0) {
		throw new Error(`n8n ${args.join(' ')} failed (exit ${code ?? signal}).\n${logTail(logPath)}`);
	}
}
