import { parseCommand, UsageError, type Command } from './args';
import { HELP } from './help';
import { sampleBody, sampleEventType, SAMPLE_EVENT_TYPES } from './samples';
import { hintFor, NoAnswerError, post } from './send';
import { headerLine, signBody } from './signature';

/** What the CLI touches outside itself, so that tests can stand in for it. */
export interface Io {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	readFile: (path: string) => Promise<Buffer>;
	readStdin: () => Promise<Buffer>;
	env: NodeJS.ProcessEnv;
	fetch?: typeof fetch;
}

export const EXIT = { ok: 0, refused: 1, usage: 2, noAnswer: 3 } as const;

/** Runs one command line and returns the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
	try {
		const command = parseCommand(argv, io.env);
		return await execute(command, io);
	} catch (error) {
		if (error instanceof UsageError) {
			io.stderr(`${error.message}\n`);
			return EXIT.usage;
		}
		if (error instanceof NoAnswerError) {
			io.stderr(`${error.message}\n`);
			return EXIT.noAnswer;
		}
		io.stderr(`Unexpected failure: ${(error as Error).message}\n`);
		return EXIT.usage;
	}
}

async function execute(command: Command, io: Io): Promise<number> {
	switch (command.name) {
		case 'help':
			io.stdout(HELP);
			return EXIT.ok;

		case 'sample':
			io.stdout(
				command.eventType === undefined
					? `${SAMPLE_EVENT_TYPES.join('\n')}\n`
					: `${sampleBody(sampleEventType(command.eventType), command.businessId)}\n`,
			);
			return EXIT.ok;

		case 'sign': {
			const body =
				command.file === undefined ? await io.readStdin() : await readBodyFile(command.file, io);
			io.stdout(`${headerLine(command.header, body, command.secret)}\n`);
			return EXIT.ok;
		}

		case 'send': {
			const described =
				'file' in command.body
					? { body: await readBodyFile(command.body.file, io), what: command.body.file }
					: sample(command.body.sample, command.businessId);
			io.stderr(`POST ${command.url.href} (${described.what}, ${described.body.length} bytes)\n`);

			const answer = await post(
				{
					url: command.url,
					body: described.body,
					headers: {
						'content-type': 'application/json',
						[command.header]: signBody(described.body, command.secret),
					},
					timeoutMs: command.timeoutMs,
				},
				io.fetch,
			);

			io.stdout(`HTTP ${answer.status} ${answer.statusText}\n${answer.text}\n`);
			if (answer.status >= 200 && answer.status < 300) return EXIT.ok;
			io.stderr(`${hintFor(answer.status)}\n`);
			return EXIT.refused;
		}
	}
}

function sample(name: string, businessId: number): { body: Buffer; what: string } {
	const eventType = sampleEventType(name);
	const text = sampleBody(eventType, businessId);
	const { Id } = JSON.parse(text) as { Id: string };
	return { body: Buffer.from(text), what: `${eventType} sample, delivery ${Id}` };
}

async function readBodyFile(path: string, io: Io): Promise<Buffer> {
	try {
		return await io.readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EISDIR'
					? 'a directory'
					: (code ?? 'unreadable');
		throw new UsageError(`Cannot read --file "${path}": ${why}.`);
	}
}
