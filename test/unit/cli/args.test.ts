import { DEFAULT_BUSINESS_ID, parseCommand, SECRET_ENV, UsageError } from '../../../cli/args';

const URL_ = 'http://127.0.0.1:5678/webhook/abc/webhook';

describe('parseCommand', () => {
	it('reads send with a sample', () => {
		expect(
			parseCommand(['send', '--url', URL_, '--secret', 's3', '--sample', 'LeaveRequestCreated']),
		).toEqual({
			name: 'send',
			url: new URL(URL_),
			secret: 's3',
			body: { sample: 'LeaveRequestCreated' },
			businessId: DEFAULT_BUSINESS_ID,
			header: 'ms-signature',
			timeoutMs: 30_000,
		});
	});

	it('sends the EmployeeUpdated sample when no body is named', () => {
		expect(parseCommand(['send', '--url', URL_, '--secret', 's3'])).toMatchObject({
			body: { sample: 'EmployeeUpdated' },
		});
	});

	it('reads send with a file, a header, a business id and a timeout', () => {
		const argv = [
			'send',
			`--url=${URL_}`,
			'--secret=s3',
			'--file',
			'a.json',
			'--header',
			'X-Sig',
			'--business-id',
			'42',
			'--timeout',
			'5',
		];
		expect(parseCommand(argv)).toMatchObject({
			body: { file: 'a.json' },
			header: 'X-Sig',
			businessId: 42,
			timeoutMs: 5000,
		});
	});

	it('takes the secret from the environment when --secret is not given', () => {
		expect(parseCommand(['sign'], { [SECRET_ENV]: 'from-env' })).toEqual({
			name: 'sign',
			secret: 'from-env',
			file: undefined,
			header: 'ms-signature',
		});
	});

	it('prefers --secret over the environment', () => {
		expect(parseCommand(['sign', '--secret', 'flag'], { [SECRET_ENV]: 'env' })).toMatchObject({
			secret: 'flag',
		});
	});

	it('reads sample with and without an event type', () => {
		expect(parseCommand(['sample'])).toEqual({
			name: 'sample',
			eventType: undefined,
			businessId: DEFAULT_BUSINESS_ID,
		});
		expect(parseCommand(['sample', 'PayRunFinalised', '--business-id', '7'])).toEqual({
			name: 'sample',
			eventType: 'PayRunFinalised',
			businessId: 7,
		});
	});

	it.each([[[]], [['help']], [['--help']], [['send', '-h']]])('reads %j as help', (argv) => {
		expect(parseCommand(argv)).toEqual({ name: 'help' });
	});

	it.each([
		['an unknown command', ['deliver'], /Unknown command "deliver"/],
		[
			'an unknown option',
			['send', '--url', URL_, '--secret', 's', '--verbose'],
			/Unknown option '--verbose'/,
		],
		[
			'an option of another command',
			['sign', '--secret', 's', '--url', URL_],
			/sign does not take --url/,
		],
		['no URL', ['send', '--secret', 's'], /--url is required/],
		[
			'a URL that is not one',
			['send', '--url', 'n8n.example.com/webhook', '--secret', 's'],
			/is not a URL/,
		],
		[
			'a URL of another scheme',
			['send', '--url', 'ftp://127.0.0.1/x', '--secret', 's'],
			/must start with https:\/\/ or http:\/\//,
		],
		['no secret', ['send', '--url', URL_], new RegExp(`--secret <secret>, or the ${SECRET_ENV}`)],
		[
			'both a file and a sample',
			['send', '--url', URL_, '--secret', 's', '--file', 'a', '--sample', 'EmployeeCreated'],
			/not both/,
		],
		[
			'a header name with a space',
			['sign', '--secret', 's', '--header', 'ms signature'],
			/not a valid HTTP header name/,
		],
		[
			'a timeout that is not a number',
			['send', '--url', URL_, '--secret', 's', '--timeout', 'soon'],
			/--timeout must be a positive whole number/,
		],
		['a stray argument', ['sign', '--secret', 's', 'body.json'], /Unexpected argument "body.json"/],
	])('refuses %s, saying what to do', (_name, argv, message) => {
		expect(() => parseCommand(argv)).toThrow(UsageError);
		expect(() => parseCommand(argv)).toThrow(message);
	});
});
