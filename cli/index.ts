#!/usr/bin/env node
import { readFile } from 'fs/promises';

import { run } from './main';

async function readStdin(): Promise<Buffer> {
	if (process.stdin.isTTY) {
		process.stderr.write('Reading the body from standard input (end with Ctrl+D)…\n');
	}
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

void run(process.argv.slice(2), {
	stdout: (text) => process.stdout.write(text),
	stderr: (text) => process.stderr.write(text),
	readFile: async (path) => await readFile(path),
	readStdin,
	env: process.env,
}).then((code) => {
	process.exitCode = code;
});
