/** Small statistics for benchmark samples; every function leaves its input unsorted. */

export function median(values: number[]): number {
	return quantile(values, 0.5);
}

/** Nearest-rank quantile (`q` in 0..1); NaN for no samples. */
export function quantile(values: number[], q: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = Float64Array.from(values).sort();
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
	return sorted[rank];
}

/** `a / b`, or NaN when either side is missing or `b` is zero. */
export function ratio(a: number, b: number): number {
	return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : Number.NaN;
}
