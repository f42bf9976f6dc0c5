import { randomInt } from 'crypto';

/** One POST of a delivery to one webhook process (by index). */
export interface Send {
	eventId: string;
	target: number;
	/** Why this copy is sent: the first copy, or which kind of repeat. */
	kind: 'first' | 'concurrent' | 'laterOther' | 'laterSame';
}

/**
 * Deliveries for two webhook processes behind a load balancer, a fifth of the sends repeats:
 *
 * - half the repeats are concurrent copies: the same delivery sent to both processes at once,
 *   as a sender that timed out and retried would;
 * - the other half are later repeats, sent once every first copy has been answered, alternately
 *   to the other process and to the same one.
 *
 * First copies alternate between the processes. `first` holds steps of sends started together
 * (one send, or a concurrent pair), shuffled; `later` runs after `first` has been answered.
 */
export interface DeliveryPlan {
	/** Every distinct delivery id. */
	distinct: string[];
	first: Send[][];
	later: Send[][];
	/** Every send of both phases. */
	sends: Send[];
}

export function planDeliveries(prefix: string, total: number): DeliveryPlan {
	const repeats = Math.floor(total / 5);
	const distinct = Array.from({ length: total - repeats }, (_, i) => `${prefix}-${i}`);
	const concurrent = Math.floor(repeats / 2);
	const chosen = shuffle(distinct).slice(0, repeats);
	const paired = new Set(chosen.slice(0, concurrent));

	const firstTarget = (index: number) => index % 2;
	const first = distinct.map((eventId, index): Send[] =>
		paired.has(eventId)
			? [
					{ eventId, target: 0, kind: 'first' },
					{ eventId, target: 1, kind: 'concurrent' },
				]
			: [{ eventId, target: firstTarget(index), kind: 'first' }],
	);
	const later = chosen.slice(concurrent).map((eventId, n): Send[] => {
		const original = firstTarget(distinct.indexOf(eventId));
		return n % 2 === 0
			? [{ eventId, target: 1 - original, kind: 'laterOther' }]
			: [{ eventId, target: original, kind: 'laterSame' }];
	});

	return {
		distinct,
		first: shuffle(first),
		later: shuffle(later),
		sends: [...first, ...later].flat(),
	};
}

export function shuffle<T>(values: T[]): T[] {
	const shuffled = [...values];
	for (let i = shuffled.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
	}
	return shuffled;
}
