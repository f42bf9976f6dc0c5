import { createHmac, timingSafeEqual } from 'crypto';

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const PREFIX = /^sha256=/i;

export interface VerifySignatureOptions {
	/** The exact bytes of the request body, as received. */
	body: Buffer;
	/** The raw value of the signature header; an array when the header was sent more than once. */
	signature: string | string[] | undefined;
	/** Secrets to try in turn (current, then previous); empty ones are ignored. */
	secrets: Array<string | undefined>;
}

/**
 * Wire format: `hex(HMAC-SHA256(key = UTF-8 secret, message = request body bytes))`, upper or lower
 * case, optionally prefixed `sha256=`, as the only value of the signature header.
 *
 * Never throws: anything that is not exactly one well-formed signature made with one of the
 * secrets yields `false`. With no usable secret it fails closed.
 */
export function verifySignature({ body, signature, secrets }: VerifySignatureOptions): boolean {
	const expected = parseSignature(signature);
	if (!expected) return false;

	for (const secret of secrets) {
		if (!secret) continue;
		const actual = createHmac('sha256', secret).update(body).digest();
		if (actual.length === expected.length && timingSafeEqual(actual, expected)) return true;
	}
	return false;
}

/**
 * The signature the trigger verifies, as a sender makes it: hex of HMAC-SHA256 over the exact
 * body bytes, keyed by the secret's UTF-8 bytes. Sign the bytes that are sent; re-serialising
 * JSON changes them.
 */
export function signBody(body: Buffer, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

/** The 32 digest bytes of a header value, or undefined when it is not one well-formed signature. */
export function parseSignature(value: string | string[] | undefined): Buffer | undefined {
	if (typeof value !== 'string') return undefined;

	const hex = value.trim().replace(PREFIX, '');
	if (!SHA256_HEX.test(hex)) return undefined;

	return Buffer.from(hex, 'hex');
}
