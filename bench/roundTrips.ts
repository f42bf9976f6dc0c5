import { signedDeliveries } from './deliveries';
import type { PgWireCounter } from './pgWireCounter';
import { postDelivery } from './post';
import type { Variant } from './workflows';

/**
 * Postgres round trips per accepted delivery inside a running n8n: deliveries one after another
 * to a trigger whose Postgres credential goes through `counter`. The first delivery is not
 * counted: it opens the pool and starts the hourly purge (the table exists by then).
 */
export async function countRoundTrips(
	url: string,
	variant: Variant,
	counter: PgWireCounter,
	deliveries: number,
): Promise<number> {
	const [first, ...rest] = signedDeliveries(deliveries + 1);
	await postDelivery(url, first);
	await new Promise((resolve) => setTimeout(resolve, 1_000));

	const trips = counter.roundTrips();
	const opened = counter.connections();
	let accepted = 0;
	for (const delivery of rest) {
		const reply = await postDelivery(url, delivery);
		if (variant.acknowledged(reply.status, reply.body)) accepted++;
	}

	// A connection opened meanwhile had a startup exchange of its own.
	const startups = counter.connections() - opened;
	return accepted === 0 ? Number.NaN : (counter.roundTrips() - trips - startups) / accepted;
}
