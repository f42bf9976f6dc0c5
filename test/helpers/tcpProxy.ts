import { createServer, connect, type AddressInfo, type Server, type Socket } from 'net';

/**
 * A loopback TCP proxy in front of a local service, for simulating outages without touching the
 * service itself:
 * - `pause()`: connections stay open but nothing is forwarded (a silent network); new ones are
 *   accepted and held;
 * - `resume()`: everything held is forwarded;
 * - `muteReplies()`: requests still reach the service, its replies are dropped (an answer lost
 *   after the work was done), until `refuse()`;
 * - `refuse()`: every connection is dropped and the port refuses new ones;
 * - `restore()`: the same port accepts again.
 */
export class TcpProxy {
	private server: Server;
	private readonly links = new Set<{ client: Socket; upstream: Socket; flush: () => void }>();
	private paused = false;
	private muted = false;

	private constructor(
		private readonly target: { host: string; port: number },
		readonly port: number,
		server: Server,
	) {
		this.server = server;
	}

	static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
		const holder: { proxy?: TcpProxy } = {};
		const server = createServer((client) => holder.proxy?.link(client));
		await listen(server, port);
		holder.proxy = new TcpProxy(target, (server.address() as AddressInfo).port, server);
		return holder.proxy;
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		for (const link of this.links) link.flush();
	}

	muteReplies(): void {
		this.muted = true;
	}

	async refuse(): Promise<void> {
		this.paused = false;
		this.muted = false;
		for (const { client, upstream } of this.links) {
			client.destroy();
			upstream.destroy();
		}
		this.links.clear();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	async restore(): Promise<void> {
		const server = createServer((client) => this.link(client));
		await listen(server, this.port);
		this.server = server;
	}

	async stop(): Promise<void> {
		if (this.server.listening) await this.refuse();
	}

	private link(client: Socket): void {
		const upstream = connect(this.target.port, this.target.host);
		const held: Array<{ to: Socket; chunk: Buffer }> = [];
		const forward = (to: Socket) => (chunk: Buffer) => {
			if (this.paused) held.push({ to, chunk });
			else to.write(chunk);
		};
		const link = {
			client,
			upstream,
			flush: () => {
				for (const { to, chunk } of held.splice(0)) to.write(chunk);
			},
		};
		this.links.add(link);

		client.on('data', forward(upstream));
		const reply = forward(client);
		upstream.on('data', (chunk: Buffer) => {
			if (!this.muted) reply(chunk);
		});
		const close = () => {
			this.links.delete(link);
			client.destroy();
			upstream.destroy();
		};
		client.on('close', close).on('error', close);
		upstream.on('close', close).on('error', close);
	}
}

/** A loopback port that refuses connections (bound once to find it, then released). */
export async function refusingPort(): Promise<number> {
	const server = createServer();
	await listen(server, 0);
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

async function listen(server: Server, port: number): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
}
