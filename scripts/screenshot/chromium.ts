import { spawn, type ChildProcess } from 'child_process';
import { mkdtemp, rm } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Readable, Writable } from 'stream';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless Debian Chromium, driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * no port, no WebSocket library), with a fresh profile, nothing that calls home, and every host
 * name but loopback made unresolvable.
 */
export interface Browser {
	/** Sends a DevTools command; `sessionId` addresses a page attached with `flatten`. */
	send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<any>;
	close(): Promise<void>;
}

export async function launchChromium(size: { width: number; height: number }): Promise<Browser> {
	const profile = await mkdtemp(join(tmpdir(), 'eh-chromium-'));
	const child: ChildProcess = spawn(
		CHROMIUM,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-default-apps',
			'--disable-extensions',
			'--hide-scrollbars',
			'--mute-audio',
			'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
			`--user-data-dir=${profile}`,
			`--window-size=${size.width},${size.height}`,
			'--remote-debugging-pipe',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
	);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	const toBrowser = child.stdio[3] as Writable;
	const fromBrowser = child.stdio[4] as Readable;
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let nextId = 1;
	let buffered = '';

	fromBrowser.on('data', (chunk: Buffer) => {
		buffered += chunk.toString('utf8');
		let end: number;
		while ((end = buffered.indexOf('\0')) >= 0) {
			const message = JSON.parse(buffered.slice(0, end)) as {
				id?: number;
				result?: unknown;
				error?: { message: string };
			};
			buffered = buffered.slice(end + 1);
			const waiter = message.id === undefined ? undefined : pending.get(message.id);
			if (!waiter) continue;
			pending.delete(message.id as number);
			if (message.error) waiter.reject(new Error(message.error.message));
			else waiter.resolve(message.result);
		}
	});
	void exited.then(() => {
		for (const waiter of pending.values()) {
			waiter.reject(new Error(`Chromium exited.\n${stderr}`));
		}
		pending.clear();
	});

	return {
		async send(method, params = {}, sessionId) {
			const id = nextId++;
			const result = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
			toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
			return await result;
		},
		async close() {
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
			await rm(profile, { recursive: true, force: true });
		},
	};
}
