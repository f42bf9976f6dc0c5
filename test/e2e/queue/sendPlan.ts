import { deliver, type Answer } from '../../helpers/deliver';
import type { Send } from './deliveryPlan';

/** A send and the answer it finally got. */
export interface Outcome {
	send: Send;
	answer: Answer;
	/** Earlier attempts that had to be sent again (see `sendOnce`). */
	resent: number;
}

const MAX_ATTEMPTS = 10;
const RESEND_AFTER_MS = 500;

/**
 * Runs the steps with at most `limit` steps in flight (a step is one send, or copies sent
 * together). Resolves with every send's outcome, in no particular order.
 */
export async function sendSteps(
	steps: Send[][],
	urlFor: (send: Send) => string,
	bodyFor: (eventId: string) => string,
	limit: number,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = [];
	let next = 0;

	const lane = async (): Promise<void> => {
		while (next < steps.length) {
			const step = steps[next++];
			const answered = await Promise.all(
				step.map(async (send) => await sendOnce(send, urlFor(send), bodyFor(send.eventId))),
			);
			outcomes.push(...answered);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, steps.length) }, lane));
	return outcomes;
}

/**
 * Sends until the trigger itself gives a final answer, as Employment Hero retries: an answer
 * without our `status` (n8n turning the request away before the trigger ran) or a 503 from the
 * trigger (nothing claimed, nothing run) is sent again.
 */
async function sendOnce(send: Send, url: string, body: string): Promise<Outcome> {
	let answer = await deliver(url, body);
	let resent = 0;
	while (!isFinal(answer) && resent < MAX_ATTEMPTS - 1) {
		await new Promise((resolve) => setTimeout(resolve, RESEND_AFTER_MS));
		answer = await deliver(url, body);
		resent++;
	}
	return { send, answer, resent };
}

function isFinal(answer: Answer): boolean {
	return typeof answer.body?.status === 'string' && answer.status !== 503;
}

/** The trigger's answer as one word: `accepted`, `duplicate`, or status code and text. */
export function verdict({ answer }: Outcome): string {
	const status = answer.body?.status;
	if (answer.status === 200 && (status === 'accepted' || status === 'duplicate')) return status;
	return `${answer.status} ${answer.text}`;
}

/** How many sends got each verdict, e.g. `{ accepted: 800, duplicate: 200 }`. */
export function countVerdicts(outcomes: Outcome[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const outcome of outcomes) counts[verdict(outcome)] = (counts[verdict(outcome)] ?? 0) + 1;
	return counts;
}

/** How many sends of each delivery were answered `accepted`. */
export function acceptedPerDelivery(outcomes: Outcome[]): Map<string, number> {
	const accepted = new Map<string, number>();
	for (const outcome of outcomes.filter((o) => verdict(o) === 'accepted')) {
		accepted.set(outcome.send.eventId, (accepted.get(outcome.send.eventId) ?? 0) + 1);
	}
	return accepted;
}
