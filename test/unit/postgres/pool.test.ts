import { closeAllPools, getPool, releasePool } from '../../../nodes/shared/postgres';

// Building a pool opens no connection, so none of these tests needs a server.
const credential = { host: '127.0.0.1', port: 1, database: 'none', user: 'nobody', password: 'x' };

afterEach(async () => await closeAllPools());

describe('getPool', () => {
	it('shares one pool between users of the same credential', () => {
		expect(getPool(credential, 'a')).toBe(getPool({ ...credential }, 'b'));
	});

	it('gives another credential its own pool', () => {
		expect(getPool(credential, 'a')).not.toBe(getPool({ ...credential, password: 'y' }, 'a'));
	});
});

describe('releasePool', () => {
	it('closes a pool once its last user lets go', async () => {
		const pool = getPool(credential, 'a');
		getPool(credential, 'b');

		await releasePool('a');
		expect(pool.ended).toBe(false);

		await releasePool('b');
		expect(pool.ended).toBe(true);
	});

	it('hands out a fresh pool after the old one was closed', async () => {
		const pool = getPool(credential, 'a');

		await releasePool('a');

		expect(getPool(credential, 'a')).not.toBe(pool);
	});

	it('ignores a user that holds no pool', async () => {
		const pool = getPool(credential, 'a');

		await releasePool('someone-else');

		expect(pool.ended).toBe(false);
	});
});
