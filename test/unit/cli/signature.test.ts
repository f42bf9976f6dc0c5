import { headerLine, signBody } from '../../../cli/signature';
import { verifySignature } from '../../../nodes/EmploymentHeroTrigger/signature';
import { sign } from '../../helpers/sign';

describe('the CLI signature', () => {
	it('matches the shared test signing helper on the exact bytes', () => {
		const body = Buffer.from('{"Id":"x","Name":"Zo\\u00EB","City":"Tōkyō ✓"}\n');
		expect(signBody(body, 'secret-ü')).toBe(sign(body, 'secret-ü'));
	});

	it('is verified by the trigger', () => {
		const body = Buffer.from('{ "Id" : "spaced" }');
		const signature = signBody(body, 'the-secret');
		expect(verifySignature({ body, signature, secrets: ['the-secret'] })).toBe(true);
	});

	it('changes with a single byte of the body, a final newline included', () => {
		expect(signBody(Buffer.from('{}'), 's')).not.toBe(signBody(Buffer.from('{}\n'), 's'));
	});

	it('prints the header line under the chosen name', () => {
		const body = Buffer.from('{}');
		expect(headerLine('X-Signature', body, 's')).toBe(`X-Signature: ${sign(body, 's')}`);
	});
});
