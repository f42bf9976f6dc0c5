import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import { EXIT, run, type Io } from '../../../cli/main';
import { sign } from '../../helpers/sign';

interface Received {
	method?: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** A loopback stand-in for n8n that records requests and answers as told. */
async function startServer(answer: { status: number; body: string }) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
			res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/webhook`;
	const close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return { url, received, close };
}

function fakeIo(files: Record<string, string> = {}, stdin = '') {
	const out: string[] = [];
	const err: string[] = [];
	const io: Io = {
		stdout: (text) => out.push(text),
		stderr: (text) => err.push(text),
		readFile: async (path) => {
			if (!(path in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
			return Buffer.from(files[path]);
		},
		readStdin: async () => Buffer.from(stdin),
		env: {},
	};
	return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('send', () => {
	it('signs the exact bytes of a file, POSTs them and prints the answer', async () => {
		const server = await startServer({
			status: 200,
			body: '{"status":"accepted","eventId":"f-1","items":1}',
		});
		const file = '{ "Id": "f-1", "Notifications": [ { "Action": "EmployeeUpdated", "Id": 7 } ] }\n';
		const cli = fakeIo({ 'delivery.json': file });

		const code = await run(
			['send', '--url', server.url, '--secret', 's3cret', '--file', 'delivery.json'],
			cli.io,
		);
		await server.close();

		expect(code).toBe(EXIT.ok);
		expect(cli.stdout()).toBe('HTTP 200 OK\n{"status":"accepted","eventId":"f-1","items":1}\n');
		const [request] = server.received;
		expect(request.body.toString()).toBe(file);
		expect(request.headers['ms-signature']).toBe(sign(file, 's3cret'));
		expect(request.headers['content-type']).toBe('application/json');
	});

	it('sends a sample under the chosen header name', async () => {
		const server = await startServer({ status: 200, body: '{}' });
		const cli = fakeIo();

		await run(
			[
				'send',
				'--url',
				server.url,
				'--secret',
				's',
				'--sample',
				'PayRunFinalised',
				'--header',
				'X-Sig',
			],
			cli.io,
		);
		await server.close();

		const [request] = server.received;
		expect(JSON.parse(request.body.toString())).toMatchObject({
			Notifications: [{ Action: 'PayRunFinalised' }],
		});
		expect(request.headers['x-sig']).toBe(sign(request.body, 's'));
		expect(cli.stderr()).toMatch(
			/^POST .* \(PayRunFinalised sample, delivery [0-9a-f-]{36}, \d+ bytes\)\n$/,
		);
	});

	it('exits 1 on a non-2xx answer, printing it and what it likely means', async () => {
		const server = await startServer({
			status: 401,
			body: '{"status":"rejected","reason":"invalid signature"}',
		});
		const cli = fakeIo();

		const code = await run(['send', '--url', server.url, '--secret', 'wrong'], cli.io);
		await server.close();

		expect(code).toBe(EXIT.refused);
		expect(cli.stdout()).toContain(
			'HTTP 401 Unauthorized\n{"status":"rejected","reason":"invalid signature"}',
		);
		expect(cli.stderr()).toContain('could not verify the signature');
	});

	it('explains a 404 as a workflow that is not active at that URL', async () => {
		const server = await startServer({ status: 404, body: '{"message":"not registered"}' });
		const cli = fakeIo();

		expect(await run(['send', '--url', server.url, '--secret', 's'], cli.io)).toBe(EXIT.refused);
		await server.close();

		expect(cli.stderr()).toContain('n8n has no active webhook at this URL');
	});

	it('exits 3 when the connection is refused, naming the address', async () => {
		const server = await startServer({ status: 200, body: '' });
		await server.close();
		const cli = fakeIo();

		const code = await run(['send', '--url', server.url, '--secret', 's'], cli.io);

		expect(code).toBe(EXIT.noAnswer);
		expect(cli.stderr()).toMatch(/Connection refused by 127\.0\.0\.1:\d+: is n8n running there/);
	});

	it('exits 2 for a wrong URL, without sending anything', async () => {
		const cli = fakeIo();
		expect(await run(['send', '--url', 'localhost:5678/webhook', '--secret', 's'], cli.io)).toBe(
			EXIT.usage,
		);
		expect(cli.stderr()).toMatch(/is not a URL|must start with https/);
	});

	it('exits 2 for a file it cannot read', async () => {
		const cli = fakeIo();
		const code = await run(
			['send', '--url', 'http://127.0.0.1:9/x', '--secret', 's', '--file', 'nope.json'],
			cli.io,
		);
		expect(code).toBe(EXIT.usage);
		expect(cli.stderr()).toBe('Cannot read --file "nope.json": no such file.\n');
	});
});

describe('sign', () => {
	it('prints the header line for a body from standard input, every byte counted', async () => {
		const cli = fakeIo({}, '{"Id":"1"}\n');
		expect(await run(['sign', '--secret', 's'], cli.io)).toBe(EXIT.ok);
		expect(cli.stdout()).toBe(`ms-signature: ${sign('{"Id":"1"}\n', 's')}\n`);
	});

	it('prints the header line for a file, under the chosen name', async () => {
		const cli = fakeIo({ 'a.json': '{}' });
		await run(['sign', '--secret', 's', '--file', 'a.json', '--header', 'X-Sig'], cli.io);
		expect(cli.stdout()).toBe(`X-Sig: ${sign('{}', 's')}\n`);
	});
});

describe('help and samples', () => {
	it('prints help with the commands and exit codes', async () => {
		const cli = fakeIo();
		expect(await run(['--help'], cli.io)).toBe(EXIT.ok);
		expect(cli.stdout()).toMatch(/send --url <url>[\s\S]*sign --secret[\s\S]*Exit codes/);
	});

	it('lists the sample event types, and prints one', async () => {
		const list = fakeIo();
		await run(['sample'], list.io);
		expect(list.stdout().split('\n')).toContain('TimesheetEntryDeleted');

		const one = fakeIo();
		await run(['sample', 'TimesheetEntryDeleted', '--business-id', '9'], one.io);
		expect(JSON.parse(one.stdout())).toMatchObject({
			Properties: { businessId: 9 },
			Notifications: [{ Action: 'TimesheetEntryDeleted', businessId: 9 }],
		});
	});
});
