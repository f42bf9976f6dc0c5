import type { CellSummary } from './cells';
import type { VersionResult } from './n8nLoad';
import type { VariantName } from './workflows';
import type { VerifyResult } from './verify';

export interface Goal {
	goal: string;
	measured: string;
	met: boolean | undefined;
}

function cell(
	result: VersionResult,
	variant: VariantName,
	connections: number,
): CellSummary | undefined {
	return result.cells.find((c) => c.variant === variant && c.connections === connections);
}

export function verifyGoals(results: VerifyResult[]): Goal[] {
	return results
		.filter((result) => result.goal !== undefined)
		.map((result) => ({
			goal: `verify at ${result.label}: ours / bare createHmac+timingSafeEqual <= ${result.goal}`,
			measured: result.ratio.toFixed(3),
			met: result.ratio <= (result.goal ?? Number.NaN),
		}));
}

/**
 * The goals for one trigger variant in one n8n version, judged on the medians:
 * - acknowledges no slower than the plain Webhook: p50 ratio <= 1 at every connection count;
 * - sustains >= 0.95 of its throughput at the highest connection count;
 * - beats the hand-built chain by >= 1.5x: throughput at the highest connection count, and p50
 *   latency at the lowest.
 */
export function triggerGoals(
	result: VersionResult,
	variant: VariantName,
	connections: number[],
): Goal[] {
	const low = Math.min(...connections);
	const high = Math.max(...connections);
	const label = variant === 'triggerStatic' ? 'trigger (static data)' : 'trigger (Postgres)';
	const ours = (c: number) => cell(result, variant, c);
	const chain = (c: number) => cell(result, 'chain', c);
	const v = `n8n ${result.version}`;
	const at = (c: number | number[]) => {
		const counts = [c].flat();
		return `${counts.join(' and ')} connection${counts.length === 1 && counts[0] === 1 ? '' : 's'}`;
	};

	const p50Ratios = connections.map((c) => ours(c)?.p50Ratio ?? Number.NaN);
	const throughputRatio = ours(high)?.throughputRatio ?? Number.NaN;
	const chainThroughput =
		(ours(high)?.throughput ?? Number.NaN) / (chain(high)?.throughput ?? Number.NaN);
	const chainLatency = (chain(low)?.p50Ms ?? Number.NaN) / (ours(low)?.p50Ms ?? Number.NaN);

	return [
		{
			goal: `${v}, ${label}: p50 acknowledgement / plain Webhook <= 1 (${at(connections)})`,
			measured: p50Ratios.map((r) => r.toFixed(2)).join(' / '),
			met: p50Ratios.every((r) => r <= 1),
		},
		{
			goal: `${v}, ${label}: throughput / plain Webhook >= 0.95 (${at(high)})`,
			measured: throughputRatio.toFixed(2),
			met: throughputRatio >= 0.95,
		},
		{
			goal:
				`${v}, ${label}: beats the hand-built chain >= 1.5x ` +
				`(throughput at ${at(high)}, p50 at ${at(low)})`,
			measured: `${chainThroughput.toFixed(2)} / ${chainLatency.toFixed(2)}`,
			met: chainThroughput >= 1.5 && chainLatency >= 1.5,
		},
	];
}

export function postgresGoal(roundTrips: number, where: string): Goal {
	return {
		goal: `Postgres claim: round trips per delivery = 1 (${where})`,
		measured: roundTrips.toFixed(2),
		met: roundTrips === 1,
	};
}
