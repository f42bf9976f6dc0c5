import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/**
 * An ID parameter as a non-empty string (numbers, as the trigger may pass them, become strings).
 * Throws a `NodeOperationError` naming the parameter when it is empty, because an empty ID would
 * otherwise fetch a different address.
 */
export function requiredId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	const id =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (id === '') {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description:
				`Set ${label}, or place this node after the Employment Hero Trigger, ` +
				'whose items carry organisationId and entityId.',
		});
	}
	return id;
}

/** One path segment, encoded so that an ID can never change which endpoint is called. */
export function segment(id: string): string {
	return encodeURIComponent(id);
}
