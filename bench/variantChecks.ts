import type { N8nInstance } from '../test/e2e/harness';
import { signedDeliveries } from './deliveries';
import { postDelivery } from './post';
import type { Variant, VariantName } from './workflows';

export interface Behaviour {
	/** Status answered to a delivery with a wrong signature. */
	forged: number;
	/** Status and start of the body answered to the same delivery sent twice. */
	repeat: string;
}

/**
 * Proves each variant does what it is measured for before it is timed (a new, valid delivery is
 * acknowledged), and records how it answers a forged signature and a repeat.
 */
export async function checkVariants(
	n8n: N8nInstance,
	variants: Variant[],
): Promise<Record<VariantName, Behaviour>> {
	const behaviour = {} as Record<VariantName, Behaviour>;
	for (const variant of variants) {
		const url = `${n8n.baseUrl}/webhook/${variant.path}`;
		const [delivery, another] = signedDeliveries(2);

		const first = await postDelivery(url, delivery);
		if (!variant.acknowledged(first.status, first.body)) {
			throw new Error(
				`${variant.label} in n8n ${n8n.version} did not acknowledge a valid delivery: ` +
					`${first.status} ${first.body}\n${n8n.logs().slice(-3000)}`,
			);
		}
		const repeat = await postDelivery(url, delivery);
		const forged = await postDelivery(url, another, '0'.repeat(64));

		behaviour[variant.name] = {
			forged: forged.status,
			repeat: `${repeat.status} ${repeat.body.slice(0, 80)}`,
		};
	}
	return behaviour;
}
