import { NodeOperationError, type INode } from 'n8n-workflow';

import { describePostgresError, PostgresCredentialError, TableNameError } from '../shared/postgres';
import { UnknownStoreError } from './store/createFreshnessStore';
import { TimestampError } from './timestamp';

/** The Entity Key of an item cannot be used; the message says why. */
export class EntityKeyError extends Error {}

/** An item's key or timestamp is unusable: which one, why, and what to change. */
export function itemError(node: INode, error: Error, itemIndex: number): Error {
	if (error instanceof TimestampError) {
		return new NodeOperationError(node, `Unusable timestamp: ${error.message}`, {
			itemIndex,
			description:
				'Set Timestamp to an ISO 8601 date and time (e.g. 2024-05-01T09:30:00Z; without a zone it is read as UTC) or to epoch seconds or milliseconds, taken from a field every item has.',
		});
	}
	if (error instanceof EntityKeyError) {
		return new NodeOperationError(node, `Unusable entity key: ${error.message}`, {
			itemIndex,
			description:
				'Set Entity Key to an expression that gives each record a stable, non-empty text, e.g. {{ $json.entityType }}:{{ $json.entityId }}.',
		});
	}
	return error;
}

/** The store could not be set up or did not answer; nothing was recorded. */
export function storeError(node: INode, error: Error): NodeOperationError {
	if (error instanceof TableNameError) {
		return new NodeOperationError(node, error.message, {
			description: 'Change the Table Name parameter and run the workflow again.',
		});
	}
	if (error instanceof PostgresCredentialError || error instanceof UnknownStoreError) {
		return new NodeOperationError(node, error.message, {
			description: 'Check the Store parameter and its Postgres credential.',
		});
	}
	if (error instanceof NodeOperationError) return error;

	// The reason goes into the description: n8n replaces a message that names a socket error
	// (ECONNREFUSED, …) with a generic one that would no longer say it was Postgres.
	return new NodeOperationError(node, 'Could not check freshness in Postgres', {
		description: `${describePostgresError(error)}. Nothing was recorded and no item passed. Check that the database in the Postgres credential is reachable and that its user may create and write the table, then run the items again.`,
	});
}
