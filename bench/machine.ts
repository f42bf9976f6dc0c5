import { execFileSync } from 'child_process';
import { cpus, loadavg, totalmem } from 'os';

export interface Machine {
	date: string;
	nproc: number;
	cpu: string;
	memoryGiB: number;
	node: string;
	/** 1-, 5- and 15-minute load averages when the run started: other work skews absolute numbers. */
	loadAtStart: string;
	uptime: string;
}

/** What the numbers were measured on; absolute figures mean little without it. */
export function describeMachine(): Machine {
	return {
		date: new Date().toISOString(),
		nproc: cpus().length,
		cpu: cpus()[0]?.model.trim() ?? 'unknown',
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		node: process.version,
		loadAtStart: formatLoad(),
		uptime: uptime(),
	};
}

export function formatLoad(): string {
	return loadavg()
		.map((load) => load.toFixed(2))
		.join(', ');
}

/** `uptime`'s own line (it includes the load); the load averages alone where it is missing. */
export function uptime(): string {
	try {
		return execFileSync('uptime', { encoding: 'utf8' }).trim();
	} catch {
		return `load average: ${formatLoad()}`;
	}
}
