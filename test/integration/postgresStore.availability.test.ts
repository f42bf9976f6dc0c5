import { StoreUnavailableError } from '../../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';
import { PostgresStore } from '../../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName, releasePool } from '../../nodes/shared/postgres';
import { refusingPort, TcpProxy } from '../helpers/tcpProxy';
import { deliveryRecord } from './support/deliveryRecord';
import { credentials, useTestDatabase } from './support/testDatabase';

const db = useTestDatabase();
let proxy: TcpProxy;

beforeAll(async () => {
	proxy = await TcpProxy.start({ host: String(credentials.host), port: Number(credentials.port) });
});

afterAll(async () => await proxy?.stop());

afterEach(() => proxy.resume());

function storeVia(port: number, user: string, tableName = db.newTableName()) {
	const pool = getPool({ ...credentials, host: '127.0.0.1', port }, user, db.limits);
	return new PostgresStore(pool, { table: quoteTableName(tableName) });
}

describe('PostgresStore when Postgres cannot answer', () => {
	it('is unavailable when the port refuses connections', async () => {
		const store = storeVia(await refusingPort(), 'refused');

		const claim = store.claim(deliveryRecord());

		await expect(claim).rejects.toThrow(StoreUnavailableError);
		await expect(claim).rejects.toThrow(/ECONNREFUSED/);
	});

	it('is unavailable when a new connection gets no answer', async () => {
		proxy.pause();
		const store = storeVia(proxy.port, 'silent-connect');

		await expect(store.claim(deliveryRecord())).rejects.toThrow(StoreUnavailableError);
	});

	it('is unavailable when the network goes silent mid-run, and claims the retry once after', async () => {
		const store = storeVia(proxy.port, 'silent-query');
		await store.claim(deliveryRecord());
		const delivery = deliveryRecord();

		proxy.pause();
		await expect(store.claim(delivery)).rejects.toThrow(StoreUnavailableError);
		proxy.resume();

		expect(await store.claim(delivery)).toBe('claimed');
		expect(await store.claim(delivery)).toBe('duplicate');
	});

	it('is unavailable when the statement outlasts the statement timeout, and claims once after', async () => {
		const tableName = db.newTableName();
		const store = storeVia(Number(credentials.port), 'slow', tableName);
		await store.claim(deliveryRecord());
		const delivery = deliveryRecord();
		const rival = await db.openClient();

		try {
			// An uncommitted copy of the same key makes our insert wait until the timeout.
			await rival.query('BEGIN');
			await rival.query(
				`INSERT INTO ${tableName} (connection_id, event_id, entity_count, received_at, payload)
				VALUES ($1, $2, 1, now(), '{}')`,
				[delivery.connectionId, delivery.eventId],
			);

			await expect(store.claim(delivery)).rejects.toThrow(/statement timeout/);
		} finally {
			await rival.query('ROLLBACK');
			await rival.end();
		}

		expect(await store.claim(delivery)).toBe('claimed');
		expect(await db.query(`SELECT count(*)::int AS n FROM ${tableName}`)).toEqual([{ n: 2 }]);
	});

	it('is unavailable when the table cannot be created', async () => {
		const store = storeVia(Number(credentials.port), 'no-schema', 'eh_missing_schema_x.events');

		await expect(store.claim(deliveryRecord())).rejects.toThrow(
			/create table failed: schema "eh_missing_schema_x" does not exist/,
		);
	});

	it('serves again from a fresh pool after its pool was released', async () => {
		const user = 'released';
		// Limits of its own give this test a pool that no other test shares.
		const limits = { ...db.limits, maxConnections: 1 };
		const table = quoteTableName(db.newTableName());
		const first = getPool(credentials, user, limits);
		await new PostgresStore(first, { table }).claim(deliveryRecord());

		await releasePool(user);
		expect(first.ended).toBe(true);

		const second = getPool(credentials, user, limits);
		expect(second).not.toBe(first);
		expect(await new PostgresStore(second, { table }).claim(deliveryRecord())).toBe('claimed');
	});
});
