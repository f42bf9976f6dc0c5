import type { IDataObject } from 'n8n-workflow';

/** Optional dot paths (`a.b.0.c`) that replace the built-in lookups for unusual payloads. */
export interface PayloadPaths {
	/** In the body: the delivery id. */
	eventIdPath?: string;
	/** In each entity first, then in the body: the event type. */
	eventTypePath?: string;
	/** In the body: the list of entities (a single object counts as one). */
	entitiesPath?: string;
	/** In each entity: the id of the changed record. */
	entityIdPath?: string;
}

export interface DeliveryEntity {
	/** Position within the delivery, before any filtering. */
	index: number;
	eventType: string | null;
	entityId: string | null;
	organisationId: string | null;
	data: unknown;
}

export interface Delivery {
	eventId: string;
	attempt: number | null;
	properties: IDataObject;
	entities: DeliveryEntity[];
}

/** The delivery was signed correctly but cannot be understood; the message is the 400 reason. */
export class PayloadError extends Error {}

const ORGANISATION_KEYS = ['organisation_id', 'organisationId', 'business_id', 'businessId'];
const SINGLE_EVENT_ID_KEYS = ['id', 'event_id'];
const SINGLE_EVENT_TYPE_KEYS = ['event', 'event_type', 'type'];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes the verified bytes as UTF-8 JSON (a leading byte-order mark is allowed) and requires an
 * object at the top level.
 */
export function parseJsonBody(body: Buffer): IDataObject {
	let text: string;
	try {
		text = utf8.decode(body);
	} catch {
		throw new PayloadError('body is not valid UTF-8');
	}

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		throw new PayloadError('body is not valid JSON');
	}

	if (!isObject(value)) throw new PayloadError('body is not a JSON object');
	return value;
}

/**
 * Understands two shapes without configuration:
 * - Payroll work item: `{ Id, Attempt, Properties, Notifications: [{ Action, Id, ... }] }`, one
 *   entity per notification;
 * - single event: `{ id | event_id, event | event_type | type, data: { id, ... } }`, one entity.
 * Ids sent as numbers become strings.
 */
export function readDelivery(body: IDataObject, paths: PayloadPaths = {}): Delivery {
	const isWorkItem = Array.isArray(body.Notifications);
	if (!paths.entitiesPath && body.Notifications !== undefined && !isWorkItem) {
		throw new PayloadError('Notifications is not a list');
	}

	const eventId = paths.eventIdPath
		? toEventId(getPath(body, paths.eventIdPath))
		: isWorkItem
			? toEventId(body.Id)
			: toEventId(SINGLE_EVENT_ID_KEYS.map((key) => body[key]).find((id) => toId(id) !== null));
	if (eventId === null) throw new PayloadError('delivery has no event id');

	const rawEntities = paths.entitiesPath
		? listAt(body, paths.entitiesPath)
		: isWorkItem
			? (body.Notifications as unknown[])
			: [body.data ?? null];

	const properties = isObject(body.Properties) ? body.Properties : {};
	const entities = rawEntities.map((entity, index) => {
		if (isWorkItem && !paths.entitiesPath && !isObject(entity)) {
			throw new PayloadError(`notification ${index} is not an object`);
		}
		return describeEntity(body, entity, index, paths, isWorkItem, properties);
	});

	return { eventId, attempt: toAttempt(body.Attempt ?? body.attempt), properties, entities };
}

function describeEntity(
	body: IDataObject,
	entity: unknown,
	index: number,
	paths: PayloadPaths,
	isWorkItem: boolean,
	properties: IDataObject,
): DeliveryEntity {
	const fields = isObject(entity) ? entity : {};

	let eventType: string | null;
	if (paths.eventTypePath) {
		eventType =
			toText(getPath(fields, paths.eventTypePath)) ?? toText(getPath(body, paths.eventTypePath));
	} else if (isWorkItem && !paths.entitiesPath) {
		eventType = toText(fields.Action);
	} else {
		eventType = firstText(body, SINGLE_EVENT_TYPE_KEYS) ?? toText(fields.Action);
	}

	const entityId = paths.entityIdPath
		? toId(getPath(fields, paths.entityIdPath))
		: (toId(fields.Id) ?? toId(fields.id));

	const nested = isObject(fields.data) ? fields.data : {};
	const organisationId =
		firstId(fields, ORGANISATION_KEYS) ??
		firstId(nested, ORGANISATION_KEYS) ??
		firstId(body, ORGANISATION_KEYS) ??
		firstId(properties, ORGANISATION_KEYS);

	return { index, eventType, entityId, organisationId, data: entity };
}

/** Reads a dot path such as `payload.items.0.id`; `[0]` is accepted for array positions. */
export function getPath(value: unknown, path: string): unknown {
	const keys = path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.filter((key) => key !== '');
	let current = value;
	for (const key of keys) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function listAt(body: IDataObject, path: string): unknown[] {
	const found = getPath(body, path);
	if (Array.isArray(found)) return found;
	if (isObject(found)) return [found];
	throw new PayloadError(`no entities at "${path}"`);
}

/** A non-empty string, or a finite number as a string; anything else is no id. */
export function toId(value: unknown): string | null {
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/**
 * An integer beyond 2^53 has already been rounded by JSON.parse, so two different delivery ids
 * could read as one: such an id is refused rather than risk dropping a delivery as a duplicate.
 */
function toEventId(value: unknown): string | null {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		throw new PayloadError('event id is a number too large to read exactly; send it as a string');
	}
	return toId(value);
}

function toText(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function toAttempt(value: unknown): number | null {
	const attempt = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof attempt === 'number' && Number.isInteger(attempt) ? attempt : null;
}

function firstId(source: IDataObject, keys: string[]): string | null {
	for (const key of keys) {
		const id = toId(source[key]);
		if (id !== null) return id;
	}
	return null;
}

function firstText(source: IDataObject, keys: string[]): string | null {
	for (const key of keys) {
		const text = toText(source[key]);
		if (text !== null) return text;
	}
	return null;
}

export function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
