import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import {
	forgetProcessClaims,
	StaticDataStore,
} from '../nodes/EmploymentHeroTrigger/dedupe/StaticDataStore';
import type { DeliveryRecord } from '../nodes/EmploymentHeroTrigger/dedupe/DedupeStore';
import { settledHeap } from './gc';
import { sample } from './sample';
import { median } from './stats';

export interface StaticDataResult {
	ids: number;
	/** The static data as n8n stores it: JSON, rewritten in full whenever it changes. */
	jsonBytes: number;
	/** Heap held by the parsed static data, as n8n hands it to the trigger. */
	staticHeapBytes: number;
	/** Heap held by the store's process-wide map once it knows every id. */
	processMapHeapBytes: number;
	/** p50 CPU time of one `claim` of an id already seen (the answer is 'duplicate'). */
	duplicateMs: number;
	/** p50 CPU time of one `claim` of a new id: the store's whole cost on an accepted delivery. */
	claimMs: number;
	/**
	 * p50 CPU time of JSON.parse plus JSON.stringify of the static data, which n8n does on every
	 * delivery (it loads the workflow row, and saves static data whenever the trigger changed it).
	 */
	n8nLoadSaveMs: number;
}

const CONNECTION = 'bench-connection';
const SIX_DAYS_MS = 6 * 86_400_000;
const DUPLICATES_PER_SAMPLE = 1_000;

function record(eventId: string): DeliveryRecord {
	return {
		connectionId: CONNECTION,
		eventId,
		eventType: 'EmployeeUpdated',
		entityCount: 1,
		attempt: 1,
		receivedAt: new Date(),
		payload: null,
	};
}

/**
 * `count` remembered ids, all younger than the default 7 days, so the default retention keeps
 * every one of them (a sender with that many deliveries a week).
 */
function storedJson(count: number): { json: string; ids: string[] } {
	const now = Date.now();
	const seen: Record<string, number> = {};
	const ids: string[] = [];
	for (let i = 0; i < count; i++) {
		const id = randomUUID();
		ids.push(id);
		seen[id] = now - Math.floor((i / count) * SIX_DAYS_MS);
	}
	return { json: JSON.stringify({ node: { deliveries: { [CONNECTION]: seen } } }), ids };
}

/**
 * StaticDataStore at a given number of remembered ids, the way n8n drives it: static data parsed
 * from JSON, a fresh store per delivery, and the process-wide map warm (a long-running n8n that
 * has claimed the ids itself).
 */
export async function benchStaticData(
	counts: number[],
	limits: { maxSamples: number; maxMs: number },
): Promise<StaticDataResult[]> {
	const results: StaticDataResult[] = [];
	for (const count of counts) {
		forgetProcessClaims();
		const { json, ids } = storedJson(count);

		const beforeParse = settledHeap();
		let staticData = (JSON.parse(json) as { node: IDataObject }).node;
		const staticHeapBytes = settledHeap() - beforeParse;

		const beforeMap = settledHeap();
		for (const id of ids) await new StaticDataStore(staticData).claim(record(id));
		const processMapHeapBytes = settledHeap() - beforeMap;
		staticData = (JSON.parse(json) as { node: IDataObject }).node;

		// Too quick to time one at a time: each sample is a run of DUPLICATES_PER_SAMPLE lookups.
		let next = 0;
		const duplicate = await sample(async () => {
			for (let i = 0; i < DUPLICATES_PER_SAMPLE; i++) {
				await new StaticDataStore(staticData).claim(record(ids[next++ % count]));
			}
		}, limits);
		const claim = await sample(
			async () => await new StaticDataStore(staticData).claim(record(randomUUID())),
			limits,
		);
		const loadSave = await sample(() => JSON.stringify(JSON.parse(json)), limits);

		results.push({
			ids: count,
			jsonBytes: Buffer.byteLength(json),
			staticHeapBytes,
			processMapHeapBytes,
			duplicateMs: median(duplicate.cpuMs) / DUPLICATES_PER_SAMPLE,
			claimMs: median(claim.cpuMs),
			n8nLoadSaveMs: median(loadSave.cpuMs),
		});
	}
	forgetProcessClaims();
	return results;
}
