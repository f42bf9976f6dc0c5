import { parseArgs } from 'util';

/** The environment variable read when `--secret` is not given, which keeps it out of shell history. */
export const SECRET_ENV = 'EMPLOYMENT_HERO_WEBHOOK_SECRET';
export const DEFAULT_HEADER = 'ms-signature';
export const DEFAULT_SAMPLE = 'EmployeeUpdated';
export const DEFAULT_BUSINESS_ID = 123456;
const DEFAULT_TIMEOUT_SECONDS = 30;

export type BodySource = { file: string } | { sample: string };

export type Command =
	| { name: 'help' }
	| {
			name: 'send';
			url: URL;
			secret: string;
			body: BodySource;
			businessId: number;
			header: string;
			timeoutMs: number;
	  }
	| { name: 'sign'; secret: string; file: string | undefined; header: string }
	| { name: 'sample'; eventType: string | undefined; businessId: number };

/** A mistake in the command line; its message says how to put it right. */
export class UsageError extends Error {}

const OPTIONS = {
	url: { type: 'string' },
	secret: { type: 'string' },
	file: { type: 'string' },
	sample: { type: 'string' },
	header: { type: 'string' },
	'business-id': { type: 'string' },
	timeout: { type: 'string' },
	help: { type: 'boolean', short: 'h' },
} as const;

/** The options each command takes; any other is a usage error. */
const ALLOWED: Record<string, Array<keyof typeof OPTIONS>> = {
	send: ['url', 'secret', 'file', 'sample', 'header', 'business-id', 'timeout', 'help'],
	sign: ['secret', 'file', 'header', 'help'],
	sample: ['business-id', 'help'],
	help: ['help'],
};

/** Reads `argv` (without `node` and the script). Throws `UsageError` for anything it cannot use. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = {}): Command {
	let parsed;
	try {
		parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
	}
	const { values, positionals } = parsed;
	const [name, ...rest] = positionals;

	if (name === undefined || name === 'help' || values.help) return { name: 'help' };
	if (!(name in ALLOWED)) {
		throw new UsageError(
			`Unknown command "${name}": use send, sign or sample (--help lists them).`,
		);
	}
	const misplaced = Object.keys(values).filter(
		(option) => !ALLOWED[name].includes(option as keyof typeof OPTIONS),
	);
	if (misplaced.length > 0) {
		throw new UsageError(`${name} does not take --${misplaced.join(', --')}.`);
	}
	const extra = name === 'sample' ? rest.slice(1) : rest;
	if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);

	const businessId = positiveInteger(values['business-id'], '--business-id') ?? DEFAULT_BUSINESS_ID;
	const header = headerName(values.header);

	if (name === 'sample') return { name, eventType: rest[0], businessId };
	if (name === 'sign') {
		return { name, secret: secretFrom(values.secret, env), file: values.file, header };
	}

	if (values.file !== undefined && values.sample !== undefined) {
		throw new UsageError('Give --file or --sample, not both.');
	}
	const timeout = positiveInteger(values.timeout, '--timeout') ?? DEFAULT_TIMEOUT_SECONDS;
	return {
		name: 'send',
		url: webhookUrl(values.url),
		secret: secretFrom(values.secret, env),
		body:
			values.file !== undefined
				? { file: values.file }
				: { sample: values.sample ?? DEFAULT_SAMPLE },
		businessId,
		header,
		timeoutMs: timeout * 1000,
	};
}

function webhookUrl(value: string | undefined): URL {
	const example = 'e.g. https://n8n.example.com/webhook/<id>/webhook';
	if (value === undefined || value.trim() === '') {
		throw new UsageError(`--url is required: the trigger's Production URL, ${example}.`);
	}
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new UsageError(
			`--url "${value}" is not a URL: give the trigger's Production URL, ${example}.`,
		);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new UsageError(`--url must start with https:// or http://, not ${url.protocol}//.`);
	}
	return url;
}

function secretFrom(value: string | undefined, env: NodeJS.ProcessEnv): string {
	const secret = value ?? env[SECRET_ENV];
	if (secret === undefined || secret === '') {
		throw new UsageError(
			`A secret is required: --secret <secret>, or the ${SECRET_ENV} environment variable.`,
		);
	}
	return secret;
}

function headerName(value: string | undefined): string {
	if (value === undefined) return DEFAULT_HEADER;
	// RFC 9110 token characters; anything else would be refused by the HTTP client anyway.
	if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) {
		throw new UsageError(`--header "${value}" is not a valid HTTP header name.`);
	}
	return value;
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
	if (value === undefined) return undefined;
	if (!/^[1-9]\d{0,9}$/.test(value)) {
		throw new UsageError(`${option} must be a positive whole number.`);
	}
	return Number(value);
}
