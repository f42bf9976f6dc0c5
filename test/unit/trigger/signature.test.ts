import { parseSignature, verifySignature } from '../../../nodes/EmploymentHeroTrigger/signature';
import { sign, TEST_SECRET } from '../../helpers/sign';

const body = Buffer.from('{"Id":"d-1","Notifications":[{"Action":"EmployeeUpdated","Id":7}]}');

function verify(
	signature: string | string[] | undefined,
	secrets: Array<string | undefined> = [TEST_SECRET],
	bytes = body,
) {
	return verifySignature({ body: bytes, signature, secrets });
}

describe('verifySignature', () => {
	it('accepts lower-case hex signed with the secret', () => {
		expect(verify(sign(body))).toBe(true);
	});

	it('accepts upper-case hex', () => {
		expect(verify(sign(body).toUpperCase())).toBe(true);
	});

	it('accepts a sha256= prefix in either case', () => {
		expect(verify(`sha256=${sign(body)}`)).toBe(true);
		expect(verify(`SHA256=${sign(body).toUpperCase()}`)).toBe(true);
	});

	it('accepts surrounding white space', () => {
		expect(verify(` ${sign(body)} `)).toBe(true);
	});

	it('accepts a body signed with the previous secret while rotating', () => {
		expect(verify(sign(body, 'old-secret'), ['new-secret', 'old-secret'])).toBe(true);
	});

	it('rejects a body signed with another secret', () => {
		expect(verify(sign(body, 'another-secret'))).toBe(false);
	});

	it('rejects a body changed by one byte', () => {
		const changed = Buffer.from(body);
		changed[5] ^= 1;
		expect(verify(sign(body), [TEST_SECRET], changed)).toBe(false);
	});

	it('rejects a signature of the re-serialised body when the bytes differ', () => {
		const sent = Buffer.from('{ "Id" : "d-1" }');
		const reserialised = JSON.stringify(JSON.parse(sent.toString()));
		expect(verify(sign(reserialised), [TEST_SECRET], sent)).toBe(false);
	});

	it('rejects a missing header', () => {
		expect(verify(undefined)).toBe(false);
	});

	it('rejects a header sent twice', () => {
		expect(verify([sign(body), sign(body)])).toBe(false);
	});

	it('rejects several values in one header', () => {
		expect(verify(`${sign(body)}, ${sign(body)}`)).toBe(false);
	});

	it('rejects a truncated signature', () => {
		expect(verify(sign(body).slice(0, 63))).toBe(false);
	});

	it('rejects an extended signature', () => {
		expect(verify(`${sign(body)}0`)).toBe(false);
	});

	it('rejects non-hex characters', () => {
		expect(verify(sign(body).replace(/^./, 'g'))).toBe(false);
	});

	it('rejects a base64 signature of the right digest', () => {
		const base64 = Buffer.from(sign(body), 'hex').toString('base64');
		expect(verify(base64)).toBe(false);
	});

	it('rejects another prefix', () => {
		expect(verify(`sha1=${sign(body)}`)).toBe(false);
	});

	it('fails closed when no secret is configured', () => {
		expect(verify(sign(body, ''), [''])).toBe(false);
		expect(verify(sign(body), [])).toBe(false);
		expect(verify(sign(body), [undefined])).toBe(false);
	});

	it('signs with the UTF-8 bytes of a non-ASCII secret', () => {
		expect(verify(sign(body, 'sécret-ü'), ['sécret-ü'])).toBe(true);
	});

	it('matches the RFC 4231 HMAC-SHA256 test case 2', () => {
		const vector = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
		const message = Buffer.from('what do ya want for nothing?');
		expect(verifySignature({ body: message, signature: vector, secrets: ['Jefe'] })).toBe(true);
	});
});

describe('parseSignature', () => {
	it('returns the 32 digest bytes', () => {
		expect(parseSignature(sign(body))?.length).toBe(32);
	});

	it('returns undefined for an empty header', () => {
		expect(parseSignature('')).toBeUndefined();
		expect(parseSignature('sha256=')).toBeUndefined();
	});
});
