import { performance } from 'perf_hooks';

export interface SampleLimits {
	/** Stop after this many samples... */
	maxSamples: number;
	/** ...or once this much wall time has passed, whichever comes first (at least one sample). */
	maxMs: number;
}

export interface Samples {
	/** Wall milliseconds per call: what a caller waits, time the machine spent elsewhere included. */
	wallMs: number[];
	/**
	 * CPU milliseconds of this process per call: robust to other load on the machine, but only
	 * meaningful for work that runs on this thread (not for waits on a server).
	 */
	cpuMs: number[];
}

/** Times `run` repeatedly, one call after another. */
export async function sample(run: () => unknown, limits: SampleLimits): Promise<Samples> {
	const samples: Samples = { wallMs: [], cpuMs: [] };
	const deadline = performance.now() + limits.maxMs;
	const more = () =>
		samples.wallMs.length < limits.maxSamples &&
		(samples.wallMs.length === 0 || performance.now() < deadline);

	while (more()) {
		const cpu = process.cpuUsage();
		const start = performance.now();
		await run();
		samples.wallMs.push(performance.now() - start);
		const used = process.cpuUsage(cpu);
		samples.cpuMs.push((used.user + used.system) / 1000);
	}
	return samples;
}
