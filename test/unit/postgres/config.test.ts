import { PostgresCredentialError, toPoolConfig } from '../../../nodes/shared/postgres';

const credential = {
	host: 'db.example.test',
	port: 5433,
	database: 'n8n',
	user: 'n8n_user',
	password: 'not-a-real-password',
	maxConnections: 100,
	allowUnauthorizedCerts: false,
	ssl: 'disable',
};

describe('toPoolConfig', () => {
	it("maps n8n's Postgres credential fields to node-postgres options", () => {
		expect(toPoolConfig(credential)).toMatchObject({
			host: 'db.example.test',
			port: 5433,
			database: 'n8n',
			user: 'n8n_user',
			password: 'not-a-real-password',
			ssl: false,
		});
	});

	it.each(['allow', 'require'])('turns on verified TLS for ssl "%s"', (ssl) => {
		expect(toPoolConfig({ ...credential, ssl }).ssl).toBe(true);
	});

	it('turns on TLS without certificate checks when unauthorized certificates are allowed', () => {
		expect(toPoolConfig({ ...credential, allowUnauthorizedCerts: true, ssl: 'disable' }).ssl).toEqual(
			{ rejectUnauthorized: false },
		);
	});

	it('caps the pool size at the default but honours a lower credential maximum', () => {
		expect(toPoolConfig(credential).max).toBe(10);
		expect(toPoolConfig({ ...credential, maxConnections: 3 }).max).toBe(3);
	});

	it('sets short connection, statement and query timeouts', () => {
		const config = toPoolConfig(credential);

		expect(config.connectionTimeoutMillis).toBeGreaterThan(0);
		expect(config.statement_timeout).toBeGreaterThan(0);
		expect(config.query_timeout).toBeGreaterThan(Number(config.statement_timeout));
	});

	it('falls back to the credential defaults for missing fields', () => {
		expect(toPoolConfig({})).toMatchObject({
			host: 'localhost',
			port: 5432,
			database: 'postgres',
			user: 'postgres',
			password: '',
			ssl: false,
		});
	});

	it('refuses an SSH tunnel', () => {
		expect(() => toPoolConfig({ ...credential, sshTunnel: true })).toThrow(PostgresCredentialError);
	});

	it('refuses a port out of range', () => {
		expect(() => toPoolConfig({ ...credential, port: 70000 })).toThrow(/invalid port/);
	});
});
