import { signedDeliveries } from './deliveries';
import { runLoad, type LoadResult } from './load';
import { cpuSeconds, waitUntilIdle } from './n8nCpu';
import { median, ratio } from './stats';
import type { Variant, VariantName } from './workflows';

/** Longest wait for n8n to finish one cell's executions before the next cell starts anyway. */
const SETTLE_MAX_MS = 20_000;

/** One variant at one connection count in one round: load figures plus the CPU n8n spent. */
export interface CellRun extends LoadResult {
	/** n8n's CPU per acknowledged delivery, its execution included. */
	cpuMsPerDelivery: number;
	/** Expression isolates n8n took per acknowledged delivery, where counted. */
	isolatesPerDelivery: number;
}

export interface CellSummary {
	variant: VariantName;
	label: string;
	connections: number;
	/** Medians over rounds. */
	p50Ms: number;
	p99Ms: number;
	throughput: number;
	/**
	 * CPU time n8n spent per acknowledged delivery, its execution included: unlike the wall-clock
	 * figures, barely moved by other work on the machine.
	 */
	cpuMsPerDelivery: number;
	/** Medians over rounds of this variant's figure divided by the plain Webhook's of that round. */
	p50Ratio: number;
	p99Ratio: number;
	throughputRatio: number;
	cpuRatio: number;
	/** NaN unless the run counted them. */
	isolatesPerDelivery: number;
	acknowledged: number;
	/** Answers that were not acknowledgements, summed over rounds, e.g. `{ "503": 2 }`. */
	others: Record<string, number>;
	exhausted: boolean;
}

export interface CellOptions {
	/** n8n's processes, whose CPU is counted. */
	pids: number[];
	connections: number;
	durationMs: number;
	/** Fresh deliveries made for the cell, an upper bound on its requests. */
	maxRequests: number;
	/** Reads n8n's running count of isolates taken, when the run counts them. */
	isolates?: () => Promise<number>;
}

/**
 * Waits for n8n to be idle, loads it, and waits for it to finish what the load started
 * (executions, saves), counting its CPU from the first request to the end of that backlog.
 */
export async function measureCell(
	url: string,
	variant: Variant,
	options: CellOptions,
): Promise<CellRun> {
	const deliveries = signedDeliveries(options.maxRequests);
	await waitUntilIdle(options.pids, SETTLE_MAX_MS);

	const isolatesBefore = (await options.isolates?.()) ?? Number.NaN;
	const cpuBefore = cpuSeconds(options.pids);
	const result = await runLoad({
		url,
		connections: options.connections,
		durationMs: options.durationMs,
		deliveries,
		acknowledged: variant.acknowledged,
	});
	await waitUntilIdle(options.pids, SETTLE_MAX_MS);
	const cpuMs = (cpuSeconds(options.pids) - cpuBefore) * 1000;
	const isolates = ((await options.isolates?.()) ?? Number.NaN) - isolatesBefore;

	const per = (total: number) => total / Math.max(1, result.acknowledged);
	return { ...result, cpuMsPerDelivery: per(cpuMs), isolatesPerDelivery: per(isolates) };
}

/** Medians over rounds, and ratios paired with the plain Webhook's run of the same round. */
export function summarise(
	variant: Variant,
	connections: number,
	runs: CellRun[],
	baseline: CellRun[],
): CellSummary {
	const others: Record<string, number> = {};
	for (const run of runs) {
		for (const [key, count] of Object.entries(run.others)) others[key] = (others[key] ?? 0) + count;
	}
	const middle = (pick: (run: CellRun) => number) => median(runs.map(pick));
	const paired = (pick: (run: CellRun) => number) =>
		median(runs.map((run, round) => ratio(pick(run), pick(baseline[round]))));

	return {
		variant: variant.name,
		label: variant.label,
		connections,
		p50Ms: middle((run) => run.p50Ms),
		p99Ms: middle((run) => run.p99Ms),
		throughput: middle((run) => run.throughput),
		cpuMsPerDelivery: middle((run) => run.cpuMsPerDelivery),
		p50Ratio: paired((run) => run.p50Ms),
		p99Ratio: paired((run) => run.p99Ms),
		throughputRatio: paired((run) => run.throughput),
		cpuRatio: paired((run) => run.cpuMsPerDelivery),
		isolatesPerDelivery: middle((run) => run.isolatesPerDelivery),
		acknowledged: runs.reduce((sum, run) => sum + run.acknowledged, 0),
		others,
		exhausted: runs.some((run) => run.exhausted),
	};
}

/** One line of progress for a cell. */
export function describeRun(run: CellRun): string {
	const others = Object.entries(run.others).map(([key, count]) => `${count}x ${key}`);
	return (
		`${run.throughput.toFixed(1)}/s, p50 ${run.p50Ms.toFixed(1)} ms, ` +
		`p99 ${run.p99Ms.toFixed(1)} ms, ` +
		`n8n CPU ${run.cpuMsPerDelivery.toFixed(1)} ms/delivery` +
		(Number.isNaN(run.isolatesPerDelivery)
			? ''
			: `, ${run.isolatesPerDelivery.toFixed(2)} isolates/delivery`) +
		(others.length > 0 ? ` (not acknowledged: ${others.join(', ')})` : '') +
		(run.exhausted ? ' (ran out of deliveries)' : '')
	);
}
