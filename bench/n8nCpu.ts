import { readdirSync, readFileSync } from 'fs';

/** Linux reports process times in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** Processes (n8n, its task runners) started with this user folder; only our own are readable. */
export function processesOf(userFolder: string): number[] {
	const marker = `N8N_USER_FOLDER=${userFolder}\0`;
	return readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.map(Number)
		.filter((pid) => {
			try {
				return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
			} catch {
				return false;
			}
		});
}

/** User plus system CPU seconds these processes have used so far (10 ms resolution). */
export function cpuSeconds(pids: number[]): number {
	let ticks = 0;
	for (const pid of pids) {
		try {
			// Fields after the command name, which is in parentheses and may contain spaces.
			const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(fields[11]) + Number(fields[12]);
		} catch {
			// The process has exited; it uses no more CPU.
		}
	}
	return ticks / TICKS_PER_SECOND;
}

const WINDOW_MS = 500;
/** Below this share of one core over a window, n8n counts as idle. */
const IDLE_SHARE = 0.05;

/**
 * Waits until n8n (`pids`) has finished what earlier requests started (executions,
 * static-data and execution saves), so one cell's backlog does not slow the next. Gives up after
 * `maxMs`; returns how long it waited.
 */
export async function waitUntilIdle(pids: number[], maxMs: number): Promise<number> {
	const start = Date.now();
	const idleSeconds = (IDLE_SHARE * WINDOW_MS) / 1000;
	while (Date.now() - start < maxMs) {
		const before = cpuSeconds(pids);
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
		if (cpuSeconds(pids) - before <= idleSeconds) break;
	}
	return Date.now() - start;
}
