import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import type { Pool } from 'pg';

import {
	describePostgresError,
	getPool,
	postgresErrorCode,
	quoteTableName,
	TableNameError,
	UNDEFINED_COLUMN,
	UNDEFINED_TABLE,
	type QuotedTableName,
} from '../shared/postgres';
import { PostgresStore } from '../EmploymentHeroTrigger/dedupe/PostgresStore';
import { toPostgresText } from '../EmploymentHeroTrigger/dedupe/postgresText';
import { listSql, markFailedSql, markProcessedSql } from './ledgerSql';
import { replayItems } from './replay';

interface Ledger {
	pool: Pool;
	table: QuotedTableName;
	/** Only this trigger's rows, or any trigger's when null. */
	webhookId: string | null;
}

/** The four operations of the Delivery Ledger node; every database failure stops the node. */
export async function runLedger(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;

	let table: QuotedTableName;
	try {
		table = quoteTableName(this.getNodeParameter('tableName', 0) as string);
	} catch (error) {
		if (!(error instanceof TableNameError)) throw error;
		throw new NodeOperationError(node, error.message, {
			description: "Set Table Name to the trigger's table, as in the trigger.",
		});
	}
	const credentials = await this.getCredentials('postgres');
	const ledger: Ledger = {
		pool: getPool(credentials, `ledger:${this.getWorkflow().id}:${node.id}`),
		table,
		webhookId: text(this.getNodeParameter('webhookId', 0)) ?? null,
	};

	const run = async (): Promise<INodeExecutionData[][]> => {
		switch (operation) {
			case 'markProcessed':
				return [await markProcessed.call(this, ledger, items)];
			case 'markFailed':
				return [await markFailed.call(this, ledger, items)];
			case 'list':
				return [await list.call(this, ledger)];
			case 'replay':
				return [await replayItems.call(this, items)];
			default:
				throw new NodeOperationError(node, `Unknown operation "${operation}"`, {
					description: 'Choose an Operation in the node.',
				});
		}
	};

	try {
		try {
			return await run();
		} catch (error) {
			// A table of the first release lacks the ledger's columns: upgrade it as the trigger would.
			if (postgresErrorCode(error) !== UNDEFINED_COLUMN) throw error;
			await new PostgresStore(ledger.pool, { table }).createTable();
			return await run();
		}
	} catch (error) {
		if (error instanceof NodeOperationError) throw error;
		if (postgresErrorCode(error) === UNDEFINED_TABLE) {
			throw new NodeOperationError(node, `No ledger table ${table.text}`, {
				description:
					'The Employment Hero Trigger creates it with its first delivery when its Dedupe Store is Postgres. Check that Table Name and the Postgres credential match the trigger.',
			});
		}
		throw new NodeOperationError(node, 'Could not use the delivery ledger in Postgres', {
			description: `${describePostgresError(error)}. Check that the database in the Postgres credential is reachable, then run the items again.`,
		});
	}
}

async function markProcessed(
	this: IExecuteFunctions,
	ledger: Ledger,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const ids = [...new Set(items.map((_, i) => eventIdOf(this, i)))];
	if (ids.length > 0) {
		await ledger.pool.query(markProcessedSql(ledger.table), [ids, ledger.webhookId]);
	}
	return items;
}

async function markFailed(
	this: IExecuteFunctions,
	ledger: Ledger,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const out: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = await ledger.pool.query(markFailedSql(ledger.table), [
			eventIdOf(this, i),
			ledger.webhookId,
			toPostgresText(String(this.getNodeParameter('error', i, '') || 'workflow run failed')),
			startedAtOf(this, i),
		]);
		out.push({
			json: { ...items[i].json, ledger: { marked: result.rowCount ?? 0, status: 'failed' } },
			pairedItem: { item: i },
		});
	}
	return out;
}

async function list(this: IExecuteFunctions, ledger: Ledger): Promise<INodeExecutionData[]> {
	const result = await ledger.pool.query(listSql(ledger.table), [
		this.getNodeParameter('which', 0),
		ledger.webhookId,
		Math.floor(Number(this.getNodeParameter('limit', 0, 50))),
	]);
	return result.rows.map((row: IDataObject) => ({ json: row, pairedItem: { item: 0 } }));
}

/**
 * The failed run's start as an ISO string for Postgres, or null when left empty. Anything else is
 * refused here rather than guessed at: a wrong time would silently turn the guard off.
 */
function startedAtOf(context: IExecuteFunctions, index: number): string | null {
	const value = context.getNodeParameter('startedAt', index, '');
	if (value === '' || value === null || value === undefined) return null;
	const time = typeof value === 'string' && ISO_TIME.test(value.trim()) ? Date.parse(value) : NaN;
	if (Number.isNaN(time)) {
		throw new NodeOperationError(context.getNode(), 'Unusable Failed Run Started At', {
			description: `Got ${JSON.stringify(value)}. Give an ISO 8601 time such as the failed execution's startedAt (2026-12-04T09:30:00.000Z), or leave it empty.`,
			itemIndex: index,
		});
	}
	return new Date(time).toISOString();
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function eventIdOf(context: IExecuteFunctions, index: number): string {
	const value = context.getNodeParameter('eventId', index);
	const id = typeof value === 'number' ? String(value) : text(value);
	if (id === undefined) {
		throw new NodeOperationError(context.getNode(), 'No event ID', {
			description:
				"Each item needs the delivery's ID: connect the node after the Employment Hero Trigger, or set Event ID.",
			itemIndex: index,
		});
	}
	return toPostgresText(id);
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
