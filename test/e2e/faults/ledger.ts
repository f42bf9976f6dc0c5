import { deliver, type Answer } from '../../helpers/deliver';
import { handoffsFor } from '../handoffs';
import type { Sink } from '../harness';

/** What happened to the deliveries of one scenario, as a security reviewer would count them. */
export interface Figures {
	/** Distinct deliveries. */
	sent: number;
	/** HTTP requests made, retries and replays included. */
	requests: number;
	/** Deliveries answered `200 accepted` at least once. */
	accepted: number;
	/** Deliveries that reached the sink (ran) at least once. */
	executed: number;
	/** Deliveries that were answered 200 but never ran. */
	lost: number;
	/** Deliveries that ran in more than one execution. */
	executedTwice: number;
}

const RETRY_MS = 250;
const MAX_REQUESTS_PER_DELIVERY = 80;

/**
 * A sender that behaves like Employment Hero: it sends a delivery until it gets a 200 (anything
 * else, or no answer at all, is retried), and remembers every answer.
 */
export class Ledger {
	private readonly answers = new Map<string, Answer[]>();
	private readonly requests = new Map<string, number>();

	constructor(private readonly sink: Sink) {}

	/** Sends until answered 200; returns that answer. */
	async sendUntilOk(url: string, eventId: string, body: string): Promise<Answer> {
		for (let request = 1; request <= MAX_REQUESTS_PER_DELIVERY; request++) {
			const answer = await this.sendOnce(url, eventId, body);
			if (answer?.status === 200) return answer;
			await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
		}
		throw new Error(`Delivery ${eventId} got no 200 in ${MAX_REQUESTS_PER_DELIVERY} requests.`);
	}

	/** One request; undefined when nothing answered (n8n down or killed mid-request). */
	async sendOnce(url: string, eventId: string, body: string): Promise<Answer | undefined> {
		this.requests.set(eventId, (this.requests.get(eventId) ?? 0) + 1);
		const list = this.answers.get(eventId) ?? [];
		this.answers.set(eventId, list);
		try {
			const answer = await deliver(url, body);
			list.push(answer);
			return answer;
		} catch {
			// The connection was refused or reset: the sender saw no answer and will retry.
			return undefined;
		}
	}

	/** Answers of one delivery, in order; e.g. for asserting that a replay was a duplicate. */
	answersOf(eventId: string): Answer[] {
		return this.answers.get(eventId) ?? [];
	}

	/** How many answers with this code the deliveries got, in all. */
	count(code: number): number {
		return [...this.answers.values()].flat().filter((answer) => answer.status === code).length;
	}

	/** The figures for `eventIds`, from the answers and what reached the sink. */
	figures(eventIds: string[]): Figures {
		const runs = eventIds.map((eventId) => executionsOf(this.sink, eventId));
		const answeredOk = eventIds.map((eventId) =>
			this.answersOf(eventId).some((answer) => answer.status === 200),
		);
		return {
			sent: eventIds.length,
			requests: eventIds.reduce((sum, eventId) => sum + (this.requests.get(eventId) ?? 0), 0),
			accepted: eventIds.filter((eventId) =>
				this.answersOf(eventId).some((answer) => answer.body?.status === 'accepted'),
			).length,
			executed: runs.filter((count) => count > 0).length,
			lost: runs.filter((count, i) => count === 0 && answeredOk[i]).length,
			executedTwice: runs.filter((count) => count > 1).length,
		};
	}
}

export function executionsOf(sink: Sink, eventId: string): number {
	return new Set(handoffsFor(sink, eventId).map((handoff) => handoff.executionId)).size;
}

export function describeFigures(figures: Figures): string {
	return Object.entries(figures)
		.map(([name, value]) => `${name} ${value}`)
		.join(', ');
}
