import { verifySignature } from '../../../nodes/EmploymentHeroTrigger/signature';
import { sign, TEST_SECRET } from '../../helpers/sign';
import { seededRandom, type SeededRandom } from './seededRandom';

/**
 * Generated forgeries against the signature check: none may pass, and every legitimate way of
 * sending a correct signature must. Set EH_FORGERY_SEED to explore other sequences; the seed is in
 * every test name, so a failure names what reproduces it.
 */
const SEED = Number(process.env.EH_FORGERY_SEED ?? 0x5eed4231) >>> 0;
const SEED_TEXT = `0x${SEED.toString(16)}`;
const PREVIOUS_SECRET = 'previous-signing-secret-9876';
const SECRETS = [TEST_SECRET, PREVIOUS_SECRET];

interface Attempt {
	body: Buffer;
	signature: string | string[] | undefined;
	secrets?: Array<string | undefined>;
}

const figures = { forgeries: 0, forgeriesAccepted: 0, legitimate: 0, legitimateAccepted: 0 };

function verify({ body, signature, secrets = SECRETS }: Attempt): boolean {
	return verifySignature({ body, signature, secrets });
}

/** Verifies every attempt; describes the first few that got through (there must be none). */
function acceptedForgeries(attempts: Attempt[]): string[] {
	const accepted = attempts.filter(verify);
	figures.forgeries += attempts.length;
	figures.forgeriesAccepted += accepted.length;
	return accepted.slice(0, 5).map(show);
}

function rejectedLegitimate(attempts: Attempt[]): string[] {
	const rejected = attempts.filter((attempt) => !verify(attempt));
	figures.legitimate += attempts.length;
	figures.legitimateAccepted += attempts.length - rejected.length;
	return rejected.slice(0, 5).map(show);
}

function show({ body, signature, secrets = SECRETS }: Attempt): string {
	const shown = JSON.stringify(signature)?.slice(0, 200);
	const start = body.toString('hex').slice(0, 80);
	const keys = JSON.stringify(secrets);
	return `body ${start} (${body.length} bytes), signature ${shown}, secrets ${keys}`;
}

function generate(count: number, stream: string, make: (random: SeededRandom) => Attempt) {
	const random = seededRandom(SEED, stream);
	return Array.from({ length: count }, () => make(random));
}

/** A delivery as Employment Hero sends it, or arbitrary bytes. Never empty. */
function randomBody(random: SeededRandom): Buffer {
	if (random.next() < 0.3) return random.bytes(random.int(1, 2048));
	const notifications = Array.from({ length: random.int(1, 5) }, () => ({
		Action: random.pick(['EmployeeUpdated', 'EmployeeCreated', 'LeaveRequestApproved']),
		Id: random.int(1, 1e6),
	}));
	const delivery = {
		Id: `wi-${random.int(1, 1e9)}`,
		Attempt: random.int(1, 5),
		Notifications: notifications,
	};
	return Buffer.from(JSON.stringify(delivery));
}

function mixedCase(random: SeededRandom, text: string): string {
	return [...text].map((c) => (random.next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** A hex string in one of the accepted forms: any case, optional `sha256=`, optional spaces. */
function acceptedForm(random: SeededRandom, hex: string): string {
	const digits = random.pick([hex, hex.toUpperCase(), mixedCase(random, hex)]);
	const prefixed = random.next() < 0.5 ? `${mixedCase(random, 'sha256=')}${digits}` : digits;
	const space = () => random.pick(['', '', ' ', '  ', '\t', ' \t ']);
	return `${space()}${prefixed}${space()}`;
}

function flipBit(random: SeededRandom, bytes: Buffer): Buffer {
	const flipped = Buffer.from(bytes);
	flipped[random.int(0, flipped.length - 1)] ^= 1 << random.int(0, 7);
	return flipped;
}

const HEX = '0123456789abcdef';

/** Characters that look like hex digits to a reader, mapped from the digit they imitate. */
const LOOK_ALIKES: Record<string, string[]> = {
	'0': ['\uFF10', 'O', 'o', '\u041E', '\u043E', '\u039F', '\u03BF', '\u0660', '\u06F0', '\u{1D7CE}'],
	'1': ['\uFF11', 'l', 'I', '\u0131', '\u0661', '\u00B9', '\u{1D7CF}'],
	'2': ['\uFF12', '\u00B2', '\u0662', '\u{1D7D0}'],
	'3': ['\uFF13', '\u0417', '\u0437', '\u00B3', '\u0663'],
	'4': ['\uFF14', '\u0664', '\u{1D7D2}'],
	'5': ['\uFF15', '\u01BC', '\u0665'],
	'6': ['\uFF16', '\u0431', '\u0666'],
	'7': ['\uFF17', '\u0667'],
	'8': ['\uFF18', '\u0222', '\u0668'],
	'9': ['\uFF19', '\u0669'],
	a: ['\uFF41', '\uFF21', '\u0430', '\u0410', '\u03B1', '\u0391', '\u0251'],
	b: ['\uFF42', '\uFF22', '\u042C', '\u0412', '\u0392', '\u0185'],
	c: ['\uFF43', '\uFF23', '\u0441', '\u0421', '\u03F2', '\u03F9'],
	d: ['\uFF44', '\uFF24', '\u0501', '\u0257'],
	e: ['\uFF45', '\uFF25', '\u0435', '\u0415', '\u0395', '\u04BD'],
	f: ['\uFF46', '\uFF26', '\u017F', '\u03DC'],
};

/** Invisible characters that are not white space, so no trimming removes them. */
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD'];

const WRONG_PREFIXES = [
	'sha1=',
	'sha512=',
	'sha384=',
	'md5=',
	'sha256:',
	'sha256 =',
	'sha256==',
	'sha-256=',
	'SHA-256=',
	'hmac-sha256=',
	'hmac=',
	'v1=',
	'v1,',
	't=1700000000,v1=',
	'sha256=sha256=',
	'ha256=',
	'sha25=',
	'sha2566=',
	'=',
	'sha256',
	'sha256= ',
	'signature=',
	'Bearer ',
	'0x',
	'\uFF53\uFF48\uFF41\uFF12\uFF15\uFF16=',
	'\u0455\u04BB\u0430256=',
];

describe(`verifySignature against generated forgeries (seed ${SEED_TEXT})`, () => {
	afterAll(() => {
		process.stdout.write(
			`forgery (seed ${SEED_TEXT}): ${figures.forgeries} forged attempts, ` +
				`${figures.forgeriesAccepted} accepted; ${figures.legitimate} legitimate variants, ` +
				`${figures.legitimateAccepted} accepted\n`,
		);
	});

	it(`rejects 2000 bodies with one to three flipped bits (seed ${SEED_TEXT})`, () => {
		const attempts = generate(2000, 'body bit flips', (random) => {
			const body = randomBody(random);
			let forged = flipBit(random, body);
			for (let more = random.int(0, 2); more > 0; more--) forged = flipBit(random, forged);
			if (forged.equals(body)) forged = flipBit(random, forged);
			return { body: forged, signature: acceptedForm(random, sign(body)) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 bodies cut short or extended (seed ${SEED_TEXT})`, () => {
		const attempts = generate(1000, 'body truncation', (random) => {
			const body = randomBody(random);
			const cut = random.int(1, body.length);
			const forged = random.pick([
				() => body.subarray(0, body.length - cut),
				() => body.subarray(cut),
				() => Buffer.concat([body, random.bytes(random.int(1, 64))]),
				() => Buffer.concat([body, Buffer.from(random.pick(['\n', ' ', '\r\n', '\0', '}']))]),
				() => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]),
				() => Buffer.concat([body, body]),
			])();
			return { body: forged, signature: acceptedForm(random, sign(body)) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 500 signatures of another delivery (seed ${SEED_TEXT})`, () => {
		const attempts = generate(500, 'other delivery', (random) => {
			const signed = randomBody(random);
			let sent = randomBody(random);
			if (sent.equals(signed)) sent = Buffer.concat([sent, Buffer.from(' ')]);
			return { body: sent, signature: acceptedForm(random, sign(signed)) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 2000 signatures with one flipped bit (seed ${SEED_TEXT})`, () => {
		const attempts = generate(2000, 'signature bit flips', (random) => {
			const body = randomBody(random);
			const digest = flipBit(random, Buffer.from(sign(body), 'hex'));
			return { body, signature: acceptedForm(random, digest.toString('hex')) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 signatures cut short or extended (seed ${SEED_TEXT})`, () => {
		const attempts = generate(1000, 'signature truncation', (random) => {
			const body = randomBody(random);
			const hex = sign(body);
			const extra = random.text(random.int(1, 64), HEX);
			const forged = random.pick([
				() => hex.slice(0, random.int(0, 63)),
				() => hex.slice(random.int(1, 64)),
				() => hex + extra,
				() => extra + hex,
				() => hex + hex,
				() => hex.slice(0, 32),
			])();
			return { body, signature: acceptedForm(random, forged) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 bodies signed with other secrets (seed ${SEED_TEXT})`, () => {
		const printable =
			' !#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~';
		const nearMisses = (secret: string, random: SeededRandom): string[] => {
			const at = random.int(0, secret.length - 1);
			const other = random.pick([...printable].filter((c) => c !== secret[at]));
			return [
				secret.slice(0, at) + other + secret.slice(at + 1),
				secret.slice(0, -1),
				secret.slice(1),
				`${secret}${other}`,
				`${secret} `,
				` ${secret}`,
				`${secret}\n`,
				secret.toUpperCase(),
				[...secret].reverse().join(''),
				'',
			];
		};
		const attempts = generate(1000, 'other secrets', (random) => {
			const body = randomBody(random);
			const key = random.pick<() => string | Buffer>([
				() => random.text(random.int(1, 64), printable),
				() => random.pick(nearMisses(TEST_SECRET, random)),
				() => random.pick(nearMisses(PREVIOUS_SECRET, random)),
				() => TEST_SECRET + PREVIOUS_SECRET,
				() => random.bytes(random.int(1, 200)),
			])();
			return { body, signature: acceptedForm(random, sign(body, key)) };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects a non-ASCII secret's Latin-1 or UTF-16 bytes as the key (seed ${SEED_TEXT})`, () => {
		const secret = 'sécret-ü-秘密';
		const attempts = generate(200, 'secret encodings', (random) => {
			const body = randomBody(random);
			const key = Buffer.from(secret, random.pick(['latin1', 'utf16le', 'ascii'] as const));
			return { body, signature: acceptedForm(random, sign(body, key)), secrets: [secret] };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 200 signatures when no usable secret is configured (seed ${SEED_TEXT})`, () => {
		const attempts = generate(200, 'no secret', (random) => {
			const body = randomBody(random);
			const hex = random.pick([sign(body, ''), sign(body), random.text(64, HEX)]);
			const secrets = random.pick<Array<string | undefined>>([[], [''], [undefined], ['', undefined]]);
			return { body, signature: acceptedForm(random, hex), secrets };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 500 empty, blank and huge headers (seed ${SEED_TEXT})`, () => {
		const attempts = generate(500, 'empty and huge headers', (random) => {
			const body = randomBody(random);
			const hex = sign(body);
			const size = random.pick([65, 128, 1024, 8192, 65_536, random.next() < 0.02 ? 1_048_576 : 4096]);
			const signature = random.pick<() => string | undefined>([
				() => undefined,
				() => '',
				() => random.pick([' ', '\t', '  \t  ', 'sha256=', 'SHA256=', ' sha256= ']),
				() => '0'.repeat(64),
				() => 'f'.repeat(64),
				() => random.text(size, HEX),
				() => hex.repeat(Math.ceil(size / 64)),
				() => `${hex}${'x'.repeat(size)}`,
				() => `${'x'.repeat(size)}${hex}`,
				() => `sha256=${'0'.repeat(size)}`,
			])();
			return { body, signature };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 signatures with characters that are not hex (seed ${SEED_TEXT})`, () => {
		const notHex =
			'ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~ \0\x7f\n\r';
		const attempts = generate(1000, 'non-hex', (random) => {
			const body = randomBody(random);
			const hex = sign(body);
			const digest = Buffer.from(hex, 'hex');
			const forged = random.pick([
				() => {
					const chars = [...hex];
					for (let n = random.int(1, 3); n > 0; n--) chars[random.int(0, 63)] = random.text(1, notHex);
					return chars.join('');
				},
				() => {
					const at = random.int(1, 63);
					return hex.slice(0, at) + random.text(1, notHex) + hex.slice(at);
				},
				() => digest.toString('base64'),
				() => digest.toString('base64url'),
				() => digest.toString('latin1'),
				() => `0x${hex}`,
				() => hex.match(/../g)!.join(random.pick([':', ' ', '-', '%'])),
				() => `%${hex.match(/../g)!.join('%')}`,
			])();
			return { body, signature: forged };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 correct signatures behind a wrong prefix (seed ${SEED_TEXT})`, () => {
		const attempts = generate(1000, 'wrong prefixes', (random) => {
			const body = randomBody(random);
			const hex = random.pick([sign(body), sign(body).toUpperCase()]);
			const wrong = random.pick(WRONG_PREFIXES);
			const prefix = random.next() < 0.7 ? wrong : mixedCase(random, wrong);
			return { body, signature: random.next() < 0.8 ? `${prefix}${hex}` : `${hex}${prefix}` };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 500 headers carrying several values (seed ${SEED_TEXT})`, () => {
		const attempts = generate(500, 'several values', (random) => {
			const body = randomBody(random);
			const good = () => acceptedForm(random, sign(body)).trim();
			const bad = () => random.pick([sign(body, 'other'), random.text(64, HEX), 'sha256=']);
			const values = random.pick([
				() => [good(), good()],
				() => [good(), bad()],
				() => [bad(), good()],
				() => [good(), good(), good()],
				() => [`t=1700000000`, `v1=${sign(body)}`],
			])();
			const separator = random.pick([',', ', ', ';', ' ', '\t', ' , ', '\n']);
			const signature = random.next() < 0.25 ? values : values.join(separator);
			return { body, signature };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 1000 signatures with Unicode look-alikes or invisibles (seed ${SEED_TEXT})`, () => {
		const attempts = generate(1000, 'unicode look-alikes', (random) => {
			const body = randomBody(random);
			const hex = sign(body);
			const chars = [...(random.next() < 0.5 ? hex : hex.toUpperCase())];
			if (random.next() < 0.6) {
				for (let n = random.int(1, 4); n > 0; n--) {
					const at = random.int(0, 63);
					chars[at] = random.pick(LOOK_ALIKES[hex[at]]);
				}
			} else if (random.next() < 0.8) {
				for (let n = random.int(1, 3); n > 0; n--) {
					chars.splice(random.int(0, chars.length), 0, random.pick([...ZERO_WIDTH, '\uFEFF']));
				}
				// U+FEFF counts as white space in JavaScript; at either end it would be trimmed away.
				while (chars[0] === '\uFEFF') chars.splice(1, 0, chars.shift()!);
				while (chars[chars.length - 1] === '\uFEFF') chars.splice(-2, 0, chars.pop()!);
			} else {
				for (let at = 0; at < 64; at++) chars[at] = LOOK_ALIKES[hex[at]][0];
			}
			const forged = chars.join('');
			return { body, signature: random.next() < 0.3 ? `sha256=${forged}` : forged };
		});

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`rejects 500 random header values (seed ${SEED_TEXT})`, () => {
		const alphabet = `${HEX}ABCDEFsha256= ,;\t:xyz\u00A0\u0430\u0435\uFF10\u200B`;
		const attempts = generate(500, 'random values', (random) => ({
			body: randomBody(random),
			signature: random.text(random.int(0, 140), alphabet),
		}));

		expect(acceptedForgeries(attempts)).toEqual([]);
	});

	it(`accepts every legitimate form of a correct signature (seed ${SEED_TEXT})`, () => {
		const random = seededRandom(SEED, 'legitimate variants');
		const forms = (hex: string) => [
			hex,
			hex.toUpperCase(),
			mixedCase(random, hex),
			`sha256=${hex}`,
			`SHA256=${hex.toUpperCase()}`,
			`${mixedCase(random, 'sha256=')}${mixedCase(random, hex)}`,
			` ${hex} `,
			`\t${hex}`,
			`${hex}   `,
			` sha256=${hex}\t`,
		];
		const attempts: Attempt[] = [];
		for (let n = 0; n < 300; n++) {
			const body = n % 50 === 0 ? Buffer.alloc(0) : randomBody(random);
			const secrets = random.pick<Array<string | undefined>>([
				SECRETS,
				[TEST_SECRET],
				[TEST_SECRET, undefined],
				[TEST_SECRET, ''],
			]);
			for (const signature of forms(sign(body))) attempts.push({ body, signature, secrets });
			for (const signature of forms(sign(body, PREVIOUS_SECRET))) attempts.push({ body, signature });
		}

		expect(attempts).toHaveLength(6000);
		expect(rejectedLegitimate(attempts)).toEqual([]);
	});

	it('tried at least 10,000 forgeries above and accepted none', () => {
		expect(figures.forgeries).toBeGreaterThanOrEqual(10_000);
		expect(figures.forgeriesAccepted).toBe(0);
	});
});

/**
 * RFC 4231 section 4 vectors. The trigger keys HMAC with the secret's UTF-8 bytes and accepts only
 * the full 256-bit digest, so the applicable cases are those whose key is valid UTF-8 (1, 2, 4);
 * case 5 (a 128-bit truncation) must be refused; cases 3, 6 and 7 use 0xaa key bytes, which no
 * UTF-8 secret can produce.
 */
const RFC_4231 = [
	{
		name: 'case 1',
		key: '0b'.repeat(20),
		data: '4869205468657265',
		mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
	},
	{
		name: 'case 2',
		key: '4a656665',
		data: '7768617420646f2079612077616e7420666f72206e6f7468696e673f',
		mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
	},
	{
		name: 'case 4',
		key: '0102030405060708090a0b0c0d0e0f10111213141516171819',
		data: 'cd'.repeat(50),
		mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
	},
];

const RFC_4231_CASE_5 = {
	key: '0c'.repeat(20),
	data: '546573742057697468205472756e636174696f6e',
	truncatedMac: 'a3b6167473100ee06e0c796c2955552b',
};

const RFC_4231_BINARY_KEYS = [
	{ name: 'case 3', key: 'aa'.repeat(20) },
	{ name: 'cases 6 and 7', key: 'aa'.repeat(131) },
];

/** The key bytes as a secret string, checked to encode back to exactly those bytes. */
function utf8Secret(hexKey: string): string {
	return Buffer.from(hexKey, 'hex').toString('utf8');
}

describe('verifySignature with the RFC 4231 HMAC-SHA256 test vectors', () => {
	it.each(RFC_4231)('accepts $name', ({ key, data, mac }) => {
		expect(Buffer.from(utf8Secret(key), 'utf8').toString('hex')).toBe(key);

		const accepted = verifySignature({
			body: Buffer.from(data, 'hex'),
			signature: mac,
			secrets: [utf8Secret(key)],
		});

		expect(accepted).toBe(true);
	});

	it.each(RFC_4231)('accepts $name as previous secret, upper case, prefixed', (vector) => {
		const { key, data, mac } = vector;
		const accepted = verifySignature({
			body: Buffer.from(data, 'hex'),
			signature: `SHA256=${mac.toUpperCase()}`,
			secrets: ['current-secret', utf8Secret(key)],
		});

		expect(accepted).toBe(true);
	});

	it.each(RFC_4231)('rejects $name with the last data byte changed', ({ key, data, mac }) => {
		const body = Buffer.from(data, 'hex');
		body[body.length - 1] ^= 0x01;

		expect(verifySignature({ body, signature: mac, secrets: [utf8Secret(key)] })).toBe(false);
	});

	it.each(RFC_4231)('rejects $name with the last key byte changed', ({ key, data, mac }) => {
		const changed = Buffer.from(key, 'hex');
		changed[changed.length - 1] ^= 0x01;

		const accepted = verifySignature({
			body: Buffer.from(data, 'hex'),
			signature: mac,
			secrets: [changed.toString('utf8')],
		});

		expect(accepted).toBe(false);
	});

	it('rejects the 128-bit truncated MAC of case 5', () => {
		const accepted = verifySignature({
			body: Buffer.from(RFC_4231_CASE_5.data, 'hex'),
			signature: RFC_4231_CASE_5.truncatedMac,
			secrets: [utf8Secret(RFC_4231_CASE_5.key)],
		});

		expect(accepted).toBe(false);
	});

	it.each(RFC_4231_BINARY_KEYS)('cannot express the key of $name as a UTF-8 secret', ({ key }) => {
		expect(Buffer.from(utf8Secret(key), 'utf8').toString('hex')).not.toBe(key);
	});
});
