import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

import { verifySignature } from '../nodes/EmploymentHeroTrigger/signature';
import { sign, TEST_SECRET } from '../test/helpers/sign';
import { median, ratio } from './stats';

export interface VerifyResult {
	label: string;
	bytes: number;
	/** Median time of one call, in nanoseconds. */
	oursNs: number;
	bareNs: number;
	/** Median of the per-round ratios ours / bare. */
	ratio: number;
	/** The ceiling for the ratio, where it sets one. */
	goal?: number;
}

const SIZES = [
	{ label: '2 KiB', bytes: 2 * 1024, goal: 1.2 },
	{ label: '64 KiB', bytes: 64 * 1024 },
	{ label: '1 MiB', bytes: 1024 * 1024, goal: 1.05 },
];

/** Distinct bodies per size, so no call can lean on the previous one's result. */
const BODIES_PER_SIZE = 8;

interface Signed {
	body: Buffer;
	signature: string;
}

/** The least a correct check does: decode the header, HMAC the bytes, compare in constant time. */
function bareVerify({ body, signature }: Signed): boolean {
	const expected = Buffer.from(signature, 'hex');
	const actual = createHmac('sha256', TEST_SECRET).update(body).digest();
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Called the way handleDelivery calls it: current secret, no previous one. */
function ourVerify({ body, signature }: Signed): boolean {
	return verifySignature({ body, signature, secrets: [TEST_SECRET, undefined] });
}

/**
 * CPU nanoseconds per call over `iterations` calls. CPU time rather than wall time, because other
 * work on the machine preempts a batch without adding CPU time to it. Throws if any call
 * disagrees, which also keeps the calls from being optimised away.
 */
function timeBatch(
	check: (signed: Signed) => boolean,
	signed: Signed[],
	iterations: number,
): number {
	let passed = 0;
	const start = process.cpuUsage();
	for (let i = 0; i < iterations; i++) if (check(signed[i % signed.length])) passed++;
	const used = process.cpuUsage(start);
	if (passed !== iterations) throw new Error('A valid signature failed verification.');
	return ((used.user + used.system) * 1000) / iterations;
}

/** Enough calls for one batch to last about `batchMs`, judged from a short trial. */
function calibrate(signed: Signed[], batchMs: number): number {
	timeBatch(bareVerify, signed, 50);
	const perCallNs = timeBatch(bareVerify, signed, 200);
	return Math.max(20, Math.round((batchMs * 1e6) / perCallNs));
}

/**
 * Ours against the bare check, in alternating batches (ABBA order, so drift in machine load hits
 * both alike); each round gives a ratio and the median round is reported.
 */
export function benchVerify(options: { rounds: number; batchMs: number }): VerifyResult[] {
	return SIZES.map(({ label, bytes, goal }) => {
		const signed = Array.from({ length: BODIES_PER_SIZE }, () => {
			const body = randomBytes(bytes);
			return { body, signature: sign(body) };
		});
		const iterations = calibrate(signed, options.batchMs);
		timeBatch(ourVerify, signed, iterations);
		timeBatch(bareVerify, signed, iterations);

		const ours: number[] = [];
		const bare: number[] = [];
		const ratios: number[] = [];
		for (let round = 0; round < options.rounds; round++) {
			const [first, second] = round % 2 === 0 ? [ourVerify, bareVerify] : [bareVerify, ourVerify];
			const a = timeBatch(first, signed, iterations);
			const b = timeBatch(second, signed, iterations);
			const [o, r] = first === ourVerify ? [a, b] : [b, a];
			ours.push(o);
			bare.push(r);
			ratios.push(ratio(o, r));
		}
		return {
			label,
			bytes,
			oursNs: median(ours),
			bareNs: median(bare),
			ratio: median(ratios),
			goal,
		};
	});
}
