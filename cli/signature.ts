import { createHmac } from 'crypto';

/**
 * The signature the trigger verifies: hex of HMAC-SHA256 over the exact body bytes, keyed by the
 * secret's UTF-8 bytes. Sign the bytes that are sent; re-serialising JSON changes them.
 */
export function signBody(body: Buffer, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

/** The header line as it is sent, e.g. `ms-signature: 5f1c…`. */
export function headerLine(header: string, body: Buffer, secret: string): string {
	return `${header}: ${signBody(body, secret)}`;
}
