import { connect, createServer, type AddressInfo, type Server, type Socket } from 'net';

/** The backend message that ends every exchange: one per round trip. */
const READY_FOR_QUERY = 0x5a;

export interface PgWireCounter {
	port: number;
	/** ReadyForQuery messages the server has sent through the counter so far. */
	roundTrips(): number;
	/** Connections opened through the counter so far (each has one startup round trip). */
	connections(): number;
	stop(): Promise<void>;
}

/**
 * A loopback TCP relay to Postgres that counts round trips by reading the server's messages
 * (one type byte, then a 4-byte length that includes itself). It needs a plain-text stream, so
 * the credential that uses it must disable TLS.
 */
export async function startPgWireCounter(target: {
	host: string;
	port: number;
}): Promise<PgWireCounter> {
	let roundTrips = 0;
	let connections = 0;
	const sockets = new Set<Socket>();

	const server: Server = createServer((client) => {
		connections++;
		const upstream = connect(target.port, target.host);
		sockets.add(client).add(upstream);
		let pending = Buffer.alloc(0);
		upstream.on('data', (chunk: Buffer) => {
			pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
			while (pending.length >= 5) {
				const length = pending.readUInt32BE(1);
				if (pending.length < 1 + length) break;
				if (pending[0] === READY_FOR_QUERY) roundTrips++;
				pending = pending.subarray(1 + length);
			}
		});
		client.pipe(upstream);
		upstream.pipe(client);
		const close = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

	return {
		port: (server.address() as AddressInfo).port,
		roundTrips: () => roundTrips,
		connections: () => connections,
		stop: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
