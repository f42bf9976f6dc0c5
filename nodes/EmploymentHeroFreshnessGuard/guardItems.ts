import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { judgeRun, newestPerKey, type Check } from './decide';
import { DEFAULT_ENTITY_KEY } from './description';
import { EntityKeyError, itemError, storeError } from './errors';
import { createFreshnessStore } from './store/createFreshnessStore';
import { formatTimestamp, parseTimestamp, type Micros } from './timestamp';

/** Longest entity key accepted; Postgres cannot index much longer text. */
const MAX_KEY_LENGTH = 500;

type Outcome = { check: Check } | { error: Error };

/**
 * Sorts the input into `Fresh` and `Stale`. Every item's key and timestamp are read before the
 * store is touched, so an unusable item stops the node with nothing recorded. Production runs
 * record each key's newest timestamp in one store call; manual runs only read.
 *
 * With Continue On Fail, unusable items and, if the store fails, all items become `{ error }`
 * items on `Stale`: an item that could not be checked must not pass as fresh.
 */
export async function guardItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	const outcomes: Outcome[] = items.map((_item, itemIndex) => {
		try {
			return { check: readCheck(this, itemIndex) };
		} catch (error) {
			const failure = itemError(node, error as Error, itemIndex);
			if (!continueOnFail) throw failure;
			return { error: failure };
		}
	});
	const checks = outcomes.flatMap((outcome) => ('check' in outcome ? [outcome.check] : []));

	const recordRun = this.getMode() !== 'manual';
	let before: Map<string, Micros | null>;
	try {
		const store = await createFreshnessStore(this);
		before = recordRun
			? await store.record(newestPerKey(checks))
			: await store.read([...new Set(checks.map((check) => check.key))]);
	} catch (error) {
		const failure = storeError(node, error as Error);
		if (!continueOnFail) throw failure;
		const errors = outcomes.map((outcome, itemIndex) =>
			errorItem('error' in outcome ? outcome.error : failure, itemIndex),
		);
		return [[], errors];
	}

	const verdicts = judgeRun(checks, before);

	const fresh: INodeExecutionData[] = [];
	const stale: INodeExecutionData[] = [];
	let checked = 0;
	outcomes.forEach((outcome, itemIndex) => {
		if ('error' in outcome) {
			stale.push(errorItem(outcome.error, itemIndex));
			return;
		}
		const { check } = outcome;
		const verdict = verdicts[checked++];
		const freshness: IDataObject = {
			key: check.key,
			previous: verdict.previous === null ? null : formatTimestamp(verdict.previous),
			current: formatTimestamp(check.at),
		};
		const item = items[itemIndex];
		(verdict.fresh ? fresh : stale).push({
			json: { ...item.json, freshness },
			...(item.binary ? { binary: item.binary } : {}),
			pairedItem: { item: itemIndex },
		});
	});

	this.logger.debug('Employment Hero freshness checked', {
		workflowId: this.getWorkflow().id,
		node: node.name,
		recorded: recordRun,
		fresh: fresh.length,
		stale: stale.length,
	});
	return [fresh, stale];
}

function readCheck(context: IExecuteFunctions, itemIndex: number): Check {
	const key = toKey(context.getNodeParameter('entityKey', itemIndex));
	if (usesDefaultKey(context) && isMissing(context.getInputData()[itemIndex].json.entityId)) {
		// Otherwise every item without an id would share one key and make the others stale.
		throw new EntityKeyError('the item has no entityId');
	}

	const at = parseTimestamp(context.getNodeParameter('timestamp', itemIndex));
	return { key, at };
}

function toKey(value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new EntityKeyError(`expected text, got ${value === null ? 'null' : typeof value}`);
	}
	const key = String(value).trim();
	if (key === '') throw new EntityKeyError('the key is empty');
	if (key.length > MAX_KEY_LENGTH) {
		throw new EntityKeyError(`the key is longer than ${MAX_KEY_LENGTH} characters`);
	}
	return key;
}

function usesDefaultKey(context: IExecuteFunctions): boolean {
	return (context.getNode().parameters.entityKey ?? DEFAULT_ENTITY_KEY) === DEFAULT_ENTITY_KEY;
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	return { json: { error: error.message }, pairedItem: { item: itemIndex } };
}
