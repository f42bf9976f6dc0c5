import { createServer } from 'net';

/**
 * A TCP port free on 127.0.0.1 right now, chosen by the kernel. Another process could take it
 * before n8n binds it; the window is short and the failure is loud (n8n exits, EADDRINUSE).
 */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('No port was assigned.'))));
		});
	});
}
