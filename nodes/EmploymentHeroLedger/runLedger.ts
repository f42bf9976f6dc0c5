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
	UNDEFINED_TABLE,
	type QuotedTableName,
} from '../shared/postgres';
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

	try {
		switch (operation) {
			case 'markProcessed':
				return [await markProcessed.call(this, ledger, items)];
			case 'markFailed':
				return [await markFailed.call(this, ledger, items)];
			case 'list':
				return [await list.call(this, ledger)];
			case 'replay':
				return [await replayItems.call(this, ledger, items)];
			default:
				throw new NodeOperationError(node, `Unknown operation "${operation}"`, {
					description: 'Choose an Operation in the node.',
				});
		}
	} catch (error) {
		if (error instanceof NodeOperationError) throw error;
		if (postgresErrorCode(error) === UNDEFINED_TABLE) {
			throw new NodeOperationError(node, `No ledger table ${table.text}`, {
				description:
					'The Employment Hero Trigger creates it with its first delivery when its Dedupe Store is Postgres. Check that Table Name and the Postgres credential match the trigger.',
			});
		}
		throw new NodeOperationError(node, 'Could not update the delivery ledger in Postgres', {
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
		const startedAt = text(this.getNodeParameter('startedAt', i, ''));
		if (startedAt !== undefined && Number.isNaN(Date.parse(startedAt))) {
			throw new NodeOperationError(this.getNode(), `Unusable Failed Run Started At "${startedAt}"`, {
				description: 'Give an ISO 8601 time, such as the failed execution\'s startedAt, or leave it empty.',
				itemIndex: i,
			});
		}
		const result = await ledger.pool.query(markFailedSql(ledger.table), [
			eventIdOf(this, i),
			ledger.webhookId,
			String(this.getNodeParameter('error', i, '') || 'workflow run failed'),
			startedAt ?? null,
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
		Math.floor(Number(this.getNodeParameter('unfinishedAfterMinutes', 0, 60))),
		ledger.webhookId,
		Math.floor(Number(this.getNodeParameter('limit', 0, 50))),
	]);
	return result.rows.map((row: IDataObject) => ({ json: row, pairedItem: { item: 0 } }));
}

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
	return id;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
