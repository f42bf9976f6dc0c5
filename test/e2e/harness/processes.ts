import { spawn, type ChildProcess } from 'child_process';
import { closeSync, openSync } from 'fs';
import { join } from 'path';

/** Node flag that makes a started n8n kill itself once the jest process that started it is gone. */
export const orphanGuardFlags = ['--require', join(__dirname, 'orphanGuard.js')];

/** A started process, with a promise that settles when it has exited. */
export interface Started {
	child: ChildProcess;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a command as the leader of a new process group (so that it and its children can be killed
 * together), appending its stdout and stderr to `logPath`.
 */
export function startInGroup(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	logPath: string,
): Started {
	const log = openSync(logPath, 'a');
	try {
		const child = spawn(command, args, {
			env: { ...env, EH_HARNESS_PID: String(process.pid) },
			stdio: ['ignore', log, log],
			detached: true,
		});
		const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
			(resolve) => {
				child.once('error', () => resolve({ code: null, signal: null }));
				child.once('exit', (code, signal) => resolve({ code, signal }));
			},
		);
		return { child, exited };
	} finally {
		// The child holds its own copy of the descriptor.
		closeSync(log);
	}
}

/** Sends a signal to a whole process group; a group that is already gone is not an error. */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
	if (pid === undefined) return;
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

/** Resolves true when the promise settles within `ms`, false otherwise. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * SIGTERM and wait; SIGKILL the group if the process has not exited within `timeoutMs`. Afterwards
 * the group is killed anyway: a task runner the process failed to stop would still be in it.
 */
export async function stopGroup(started: Started, timeoutMs: number): Promise<void> {
	started.child.kill('SIGTERM');
	if (!(await within(started.exited, timeoutMs))) signalGroup(started.child.pid, 'SIGKILL');
	await started.exited;
	signalGroup(started.child.pid, 'SIGKILL');
}

/** SIGKILL the whole group at once, as a crash would, and wait for the process to be gone. */
export async function killGroup(started: Started): Promise<void> {
	signalGroup(started.child.pid, 'SIGKILL');
	await started.exited;
}
