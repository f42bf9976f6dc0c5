import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_KEYS } from './store/StaticDataStore';
import { DEFAULT_TABLE_NAME } from './store/postgresSql';

/** Suits items from the Employment Hero Trigger; guardItems checks their entityId is set. */
export const DEFAULT_ENTITY_KEY = '={{ $json.entityType }}:{{ $json.entityId }}';

export const guardProperties: INodeProperties[] = [
	{
		displayName:
			'Manual executions compare against what production executions recorded, but record nothing themselves',
		name: 'manualNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Entity Key',
		name: 'entityKey',
		type: 'string',
		default: DEFAULT_ENTITY_KEY,
		required: true,
		description:
			'Identifies the record whose versions are compared: items with the same key are compared with each other. The default suits items from the Employment Hero Trigger.',
	},
	{
		displayName: 'Timestamp',
		name: 'timestamp',
		type: 'string',
		default: '={{ $json.receivedAt }}',
		required: true,
		description:
			"When the item's change happened. ISO 8601 (a time without a zone is read as UTC), or an epoch number: below 100,000,000,000 it is seconds, otherwise milliseconds. Prefer the source's own change time from the payload (e.g. data.UpdatedAt) over the time of arrival.",
	},
	{
		displayName: 'Store',
		name: 'store',
		type: 'options',
		options: [
			{
				name: 'Workflow Static Data',
				value: 'staticData',
				description: 'Remember timestamps in the workflow itself; right for a single n8n process',
			},
			{
				name: 'Postgres',
				value: 'postgres',
				description:
					'Remember timestamps in a Postgres table; exact when several executions or n8n processes run at once',
			},
		],
		default: 'staticData',
		description: 'Where the newest timestamp that passed for each entity key is remembered',
	},
	{
		displayName: 'Table Name',
		name: 'tableName',
		type: 'string',
		default: DEFAULT_TABLE_NAME,
		displayOptions: { show: { store: ['postgres'] } },
		description:
			'Table created on first use, one row per entity key. Letters, digits and underscores, optionally as schema.table (the schema must exist).',
	},
	{
		displayName: 'Max Keys Remembered',
		name: 'maxKeys',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_MAX_KEYS,
		displayOptions: { show: { store: ['staticData'] } },
		description:
			"Past this many entity keys, the keys checked longest ago are forgotten, and the next item for a forgotten key passes as fresh. Each key adds about 60 bytes to the workflow's static data.",
	},
];
