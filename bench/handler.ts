import { forgetProcessClaims } from '../nodes/EmploymentHeroTrigger/dedupe/StaticDataStore';
import { handleDelivery } from '../nodes/EmploymentHeroTrigger/handleDelivery';
import { fakeWebhookContext } from '../test/helpers/fakeWebhookContext';
import { signedDeliveries } from './deliveries';
import { sample, type SampleLimits } from './sample';
import { median } from './stats';

const DELIVERIES_PER_SAMPLE = 200;

/**
 * CPU time of our own webhook handler per accepted delivery, outside n8n: a stub context that
 * hands over the raw bytes and the credential at no cost, and empty static data (a fresh
 * process and workflow, so the store's share is its minimum). Set beside n8n's CPU per delivery,
 * it shows how much of the trigger's cost is ours.
 */
export async function benchHandler(limits: SampleLimits): Promise<{ cpuUs: number }> {
	const batches = Array.from({ length: limits.maxSamples }, () =>
		signedDeliveries(DELIVERIES_PER_SAMPLE),
	);
	let next = 0;
	const samples = await sample(async () => {
		forgetProcessClaims();
		for (const { body, signature } of batches[next++]) {
			const { context, sent } = fakeWebhookContext({
				body,
				headers: { 'ms-signature': signature },
			});
			await handleDelivery.call(context);
			if (sent.code !== 200) throw new Error(`The handler answered ${sent.code}.`);
		}
	}, limits);
	forgetProcessClaims();
	return { cpuUs: (median(samples.cpuMs) * 1000) / DELIVERIES_PER_SAMPLE };
}
