import type { IDataObject } from 'n8n-workflow';

/**
 * The registration this trigger made, as kept in the node's static data. n8n saves static data
 * after activation and deactivation, and every n8n process (webhook processes in queue mode
 * included) loads it with the workflow, so each can verify deliveries with the secret.
 */
export interface StoredRegistration {
	/** Payroll's id of the registration. */
	id: string;
	url: string;
	baseUrl: string;
	businessId: string;
	filters: string[];
	/** The signing secret Payroll was given. */
	secret: string;
	/** ISO 8601. */
	createdAt: string;
}

const KEY = 'payrollRegistration';

/** The stored registration, or undefined when there is none or it is not in the expected shape. */
export function readStored(staticData: IDataObject): StoredRegistration | undefined {
	const value = staticData[KEY];
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;

	const record = value as IDataObject;
	const texts = ['id', 'url', 'baseUrl', 'businessId', 'secret', 'createdAt'] as const;
	if (!texts.every((field) => typeof record[field] === 'string' && record[field] !== '')) {
		return undefined;
	}
	if (!Array.isArray(record.filters) || !record.filters.every((f) => typeof f === 'string')) {
		return undefined;
	}
	return {
		id: record.id as string,
		url: record.url as string,
		baseUrl: record.baseUrl as string,
		businessId: record.businessId as string,
		filters: [...(record.filters as string[])],
		secret: record.secret as string,
		createdAt: record.createdAt as string,
	};
}

export function writeStored(staticData: IDataObject, registration: StoredRegistration): void {
	// A fresh object (not a change inside the old one) marks static data as changed for n8n.
	staticData[KEY] = { ...registration, filters: [...registration.filters] };
}

export function clearStored(staticData: IDataObject): void {
	delete staticData[KEY];
}
