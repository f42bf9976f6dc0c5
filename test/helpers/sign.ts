import { createHmac } from 'crypto';

/** Test secret used across suites; never a real one. */
export const TEST_SECRET = 'test-signing-secret-0123456789';

/**
 * The one signing helper every suite uses: hex HMAC-SHA256 of the exact bytes, as Employment Hero
 * sends it in `ms-signature`. A string secret is keyed by its UTF-8 bytes; a Buffer is used as is.
 */
export function sign(body: string | Buffer, secret: string | Buffer = TEST_SECRET): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}
