import type { SignedDelivery } from './deliveries';

export interface Reply {
	status: number;
	body: string;
}

/** One delivery outside any load run; `signature` replaces the delivery's own (to forge one). */
export async function postDelivery(
	url: string,
	delivery: SignedDelivery,
	signature = delivery.signature,
): Promise<Reply> {
	const response = await fetch(url, {
		method: 'POST',
		body: delivery.body,
		headers: { 'content-type': 'application/json', 'ms-signature': signature },
		signal: AbortSignal.timeout(30_000),
	});
	return { status: response.status, body: await response.text() };
}
