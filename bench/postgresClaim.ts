import { randomUUID } from 'crypto';
import type { EventEmitter } from 'events';
import type { IDataObject } from 'n8n-workflow';
import type { PoolClient } from 'pg';

import type { DeliveryRecord } from '../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';
import { PostgresStore } from '../nodes/EmploymentHeroTrigger/dedupe/PostgresStore';
import { getPool, quoteTableName, releasePool } from '../nodes/shared/postgres';
import { postgresCredential, testSchema } from '../test/e2e/postgresSchema';
import { sample, type SampleLimits } from './sample';
import { median, quantile } from './stats';

export interface PostgresClaimResult {
	/** Server round trips (ReadyForQuery messages) per claim of a new delivery; the goal is 1. */
	roundTripsPerClaim: number;
	/** The same for a copy already claimed (answered 'duplicate'). */
	roundTripsPerDuplicate: number;
	/** Connections opened while measuring (a reused pool opens none). */
	connectionsOpened: number;
	claims: number;
	p50Ms: number;
	p99Ms: number;
	/** p50 CPU time of this process per claim (pg's encoding and parsing, our store). */
	cpuP50Ms: number;
}

const POOL_USER = 'employment-hero-bench';

/**
 * PostgresStore.claim against the machine's Postgres, in a schema of the bench's own (dropped
 * afterwards), through the same shared pool the trigger uses. Round trips are counted on the
 * wire: every exchange with the server ends with one ReadyForQuery message, which pg reports as
 * an event on the connection.
 */
export async function benchPostgresClaim(limits: SampleLimits): Promise<PostgresClaimResult> {
	const schema = testSchema('eh_bench');
	await schema.create();
	try {
		const credential = postgresCredential('bench', { maxConnections: 10 }).data as IDataObject;
		const pool = getPool(credential, POOL_USER);
		const wire = { roundTrips: 0, connections: 0 };
		pool.on('connect', (client: PoolClient) => {
			wire.connections++;
			const connection = (client as unknown as { connection: EventEmitter }).connection;
			connection.on('readyForQuery', () => wire.roundTrips++);
		});

		const store = new PostgresStore(pool, { table: quoteTableName(`${schema.name}.events`) });
		const record = (eventId: string): DeliveryRecord => ({
			connectionId: 'bench-connection',
			eventId,
			eventType: 'EmployeeUpdated',
			entityCount: 1,
			attempt: 1,
			receivedAt: new Date(),
			payload: { Id: eventId, Attempt: 1, Notifications: [{ Action: 'EmployeeUpdated', Id: 1 }] },
		});

		// The first claim creates the table and starts the hourly purge; neither is per delivery.
		await store.claim(record(randomUUID()));
		await new Promise((resolve) => setTimeout(resolve, 500));

		const before = { ...wire };
		const claimed: string[] = [];
		const times = await sample(async () => {
			const eventId = randomUUID();
			if ((await store.claim(record(eventId))) !== 'claimed')
				throw new Error('A new id was refused.');
			claimed.push(eventId);
		}, limits);
		const claimTrips = wire.roundTrips - before.roundTrips;
		const opened = wire.connections - before.connections;

		const beforeDuplicates = wire.roundTrips;
		for (const eventId of claimed.slice(0, 100)) {
			if ((await store.claim(record(eventId))) !== 'duplicate')
				throw new Error('A copy was claimed.');
		}
		const duplicateTrips = wire.roundTrips - beforeDuplicates;

		return {
			// A newly opened connection's own ReadyForQuery (after its startup) is not the claim's.
			roundTripsPerClaim: (claimTrips - opened) / claimed.length,
			roundTripsPerDuplicate: duplicateTrips / Math.min(100, claimed.length),
			connectionsOpened: opened,
			claims: claimed.length,
			p50Ms: median(times.wallMs),
			p99Ms: quantile(times.wallMs, 0.99),
			cpuP50Ms: median(times.cpuMs),
		};
	} finally {
		await releasePool(POOL_USER);
		await schema.drop();
	}
}
