import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETENTION_DAYS, DEFAULT_TABLE_NAME } from './dedupe/PostgresStore';
import { ALL_EVENTS, eventOptions } from './events';
import { registrationProperties } from './registration/description';

export const DEFAULT_SIGNATURE_HEADER = 'ms-signature';
export const RESPOND_ON_RECEIVED = 'onReceived';
export const RESPOND_AFTER_SUCCESS = 'afterSuccess';
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export const triggerProperties: INodeProperties[] = [
	...registrationProperties,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: eventOptions,
		default: [ALL_EVENTS],
		description:
			'Event types to start the workflow for. Deliveries of other types are acknowledged and ignored.',
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		options: [
			{
				name: 'Immediately',
				value: RESPOND_ON_RECEIVED,
				description: 'Answer 200 as soon as the delivery is verified and recorded',
			},
			{
				name: 'When the Workflow Succeeds',
				value: RESPOND_AFTER_SUCCESS,
				description:
					'Answer 200 only after the run succeeded; a failed run is answered 503 and its delivery released, so the sender retries it',
			},
		],
		default: RESPOND_ON_RECEIVED,
		description: 'When Employment Hero gets its answer',
	},
	{
		displayName: 'Dedupe Store',
		name: 'dedupeStore',
		type: 'options',
		options: [
			{
				name: 'Workflow Static Data',
				value: 'staticData',
				description: 'Remember delivery IDs in the workflow itself; right for a single n8n process',
			},
			{
				name: 'Postgres',
				value: 'postgres',
				description:
					'Record deliveries in a Postgres table; exact across several n8n processes and restarts',
			},
		],
		default: 'staticData',
		description: 'Where the IDs of accepted deliveries are remembered, so that a replay runs nothing',
	},
	{
		displayName: 'Table Name',
		name: 'tableName',
		type: 'string',
		default: DEFAULT_TABLE_NAME,
		required: true,
		displayOptions: { show: { dedupeStore: ['postgres'] } },
		description:
			'Table that records accepted deliveries, created on first use. Letters, digits and underscores, optionally as schema.table.',
	},
	{
		displayName: 'Keep Deliveries (Days)',
		name: 'retentionDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_RETENTION_DAYS,
		displayOptions: { show: { dedupeStore: ['postgres'] } },
		description:
			'Rows older than this are deleted now and then, after which a replay of them would run again. 0 keeps them forever.',
	},
	{
		displayName: 'Unfinished Runs Expire After (Minutes)',
		name: 'leaseMinutes',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		displayOptions: { show: { dedupeStore: ['postgres'] } },
		description:
			'A delivery whose run is not marked processed or failed within this time may run again on redelivery. Needs the workflow to mark success (Employment Hero Delivery Ledger node, or Respond When the Workflow Succeeds). 0 never expires.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Delete Events',
				name: 'deleteEvents',
				type: 'string',
				default: '',
				placeholder: '*Deleted, EmployeeTerminated',
				description:
					'Comma-separated event types whose items get action "delete"; * matches anything. Leave empty for every type ending in "Deleted".',
			},
			{
				displayName: 'Entities Path',
				name: 'entitiesPath',
				type: 'string',
				default: '',
				placeholder: 'payload.changes',
				description:
					'Dot path in the body to the list of changed records, one item each. Leave empty for Employment Hero payloads.',
			},
			{
				displayName: 'Entity ID Path',
				name: 'entityIdPath',
				type: 'string',
				default: '',
				placeholder: 'employee.employeeId',
				description:
					'Dot path within each record to the ID of the changed record. Leave empty for Employment Hero payloads.',
			},
			{
				displayName: 'Event ID Path',
				name: 'eventIdPath',
				type: 'string',
				default: '',
				placeholder: 'meta.deliveryId',
				description:
					'Dot path in the body to the delivery ID used for deduplication. Leave empty for Employment Hero payloads.',
			},
			{
				displayName: 'Event Type Path',
				name: 'eventTypePath',
				type: 'string',
				default: '',
				placeholder: 'meta.eventType',
				description:
					'Dot path to the event type, looked up in each record first and then in the body. Leave empty to use "Action", "event", "event_type" or "type".',
			},
			{
				displayName: 'Keep IDs (Count)',
				name: 'dedupeKeepIds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description:
					'With the static data store, the newest this many delivery IDs are always remembered',
			},
			{
				displayName: 'Keep IDs (Days)',
				name: 'dedupeKeepDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 7,
				description:
					'With the static data store, delivery IDs younger than this many days are always remembered',
			},
			{
				displayName: 'Max Body Size (Bytes)',
				name: 'maxBodyBytes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_BODY_BYTES,
				description: 'Larger deliveries are refused with 413 before their signature is checked',
			},
			{
				displayName: 'Signature Header',
				name: 'signatureHeader',
				type: 'string',
				default: DEFAULT_SIGNATURE_HEADER,
				description: 'HTTP header that carries the HMAC-SHA256 signature (any letter case)',
			},
		],
	},
];
