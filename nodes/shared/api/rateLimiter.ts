import { runtime } from './runtime';

/**
 * Lets at most `limit` requests start within any `windowMs`. Each caller reserves its start time
 * synchronously, so concurrent callers in one process never share a slot.
 */
export class SlidingWindowLimiter {
	/** Start times of the latest reservations, oldest first, never more than `limit` of them. */
	private readonly starts: number[] = [];

	constructor(
		readonly limit: number,
		readonly windowMs: number,
	) {}

	/** Milliseconds the next caller would have to wait, and its reserved start time. */
	reserve(now: number): { at: number; waitMs: number } {
		const at =
			this.starts.length < this.limit ? now : Math.max(now, this.starts[0] + this.windowMs);
		this.starts.push(at);
		if (this.starts.length > this.limit) this.starts.shift();
		return { at, waitMs: at - now };
	}

	/** Time of the latest reservation, to tell an idle limiter from a busy one. */
	lastStart(): number | undefined {
		return this.starts[this.starts.length - 1];
	}

	async acquire(signal?: AbortSignal): Promise<void> {
		const { waitMs } = this.reserve(runtime.now());
		if (waitMs > 0) await runtime.sleep(waitMs, signal);
	}
}

const limiters = new Map<string, SlidingWindowLimiter>();

/**
 * The process-wide limiter for `key` (for example one Payroll business), so that items, pages and
 * concurrent executions in this process share one budget. Limiters idle for a minute are dropped.
 */
export function limiterFor(key: string, limit: number, windowMs: number): SlidingWindowLimiter {
	const now = runtime.now();
	for (const [other, limiter] of limiters) {
		if (other !== key && (limiter.lastStart() ?? 0) < now - 60_000) limiters.delete(other);
	}

	let limiter = limiters.get(key);
	if (!limiter || limiter.limit !== limit || limiter.windowMs !== windowMs) {
		limiter = new SlidingWindowLimiter(limit, windowMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
