/**
 * n8n's count of expression isolates taken from its pool (`expression.pool.acquired`, both
 * pinned versions), read from its Prometheus endpoint. Only there when n8n runs with
 * N8N_METRICS=true; the bench turns that on only for the run that counts isolates.
 */
const ACQUIRED = /^n8n_expression_pool_acquired_total(?:\{[^}]*\})? ([0-9.e+]+)$/m;

export async function isolatesAcquired(baseUrl: string): Promise<number> {
	const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
	const text = await response.text();
	const match = ACQUIRED.exec(text);
	return match ? Number(match[1]) : 0;
}
