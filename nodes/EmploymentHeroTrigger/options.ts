import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_BODY_BYTES, DEFAULT_SIGNATURE_HEADER } from './description';
import { DEFAULT_RETENTION, type Retention } from './dedupe/StaticDataStore';
import type { PayloadPaths } from './payload';

export interface TriggerOptions {
	/** Lower-case, as Node.js stores incoming header names. */
	signatureHeader: string;
	maxBodyBytes: number;
	deleteEvents: string[];
	paths: PayloadPaths;
	retention: Retention;
}

/** Reads the Options collection; a missing or unusable value falls back to its default. */
export function readOptions(options: IDataObject): TriggerOptions {
	const header = text(options.signatureHeader) ?? DEFAULT_SIGNATURE_HEADER;
	const keepDays = number(options.dedupeKeepDays, 0);

	return {
		signatureHeader: header.toLowerCase(),
		maxBodyBytes: number(options.maxBodyBytes, 1) ?? DEFAULT_MAX_BODY_BYTES,
		deleteEvents: list(options.deleteEvents),
		paths: {
			eventIdPath: text(options.eventIdPath),
			eventTypePath: text(options.eventTypePath),
			entitiesPath: text(options.entitiesPath),
			entityIdPath: text(options.entityIdPath),
		},
		retention: {
			minIds: number(options.dedupeKeepIds, 1) ?? DEFAULT_RETENTION.minIds,
			minAgeMs: keepDays === undefined ? DEFAULT_RETENTION.minAgeMs : keepDays * 86_400_000,
		},
	};
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function number(value: unknown, min: number): number | undefined {
	const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof parsed === 'number' && Number.isFinite(parsed) && parsed >= min ? parsed : undefined;
}

function list(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return parts.filter((part): part is string => typeof part === 'string').map((part) => part.trim());
}
