import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_SIGNATURE_HEADER } from '../EmploymentHeroTrigger/description';
import { DEFAULT_TABLE_NAME } from '../EmploymentHeroTrigger/dedupe/PostgresStore';

const only = (...operation: string[]) => ({ show: { operation } });

export const ledgerProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Get Dead Letters',
				value: 'list',
				description: 'List deliveries whose run failed or never finished, with their payloads',
				action: 'Get dead letters',
			},
			{
				name: 'Mark Failed',
				value: 'markFailed',
				description: 'Record that the run of these deliveries failed, so a redelivery runs again',
				action: 'Mark deliveries failed',
			},
			{
				name: 'Mark Processed',
				value: 'markProcessed',
				description: 'Record that the run of these deliveries succeeded; items pass through',
				action: 'Mark deliveries processed',
			},
			{
				name: 'Replay',
				value: 'replay',
				description: 'Send dead letters to the trigger again, signed, so each runs once more',
				action: 'Replay deliveries',
			},
		],
		default: 'markProcessed',
	},
	{
		displayName: 'Table Name',
		name: 'tableName',
		type: 'string',
		default: DEFAULT_TABLE_NAME,
		required: true,
		description: "The Employment Hero Trigger's table (its Postgres dedupe store)",
	},
	{
		displayName: 'Trigger Webhook ID',
		name: 'webhookId',
		type: 'string',
		default: '',
		placeholder: '4f1c0e2a-…',
		description: 'The ID in the trigger\'s URL (…/webhook/&lt;ID&gt;/webhook), when several triggers share the table. Leave empty for any.',
	},
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '={{ $json.eventId }}',
		required: true,
		displayOptions: only('markProcessed', 'markFailed'),
		description: 'The delivery ID of each item (the trigger\'s eventId field)',
	},
	{
		displayName: 'Error',
		name: 'error',
		type: 'string',
		default: 'workflow run failed',
		displayOptions: only('markFailed'),
		description: 'Why the run failed, kept with the delivery',
	},
	{
		displayName: 'Failed Run Started At',
		name: 'startedAt',
		type: 'string',
		default: '',
		placeholder: "={{ $('Get Failed Execution').first().json.startedAt }}",
		displayOptions: only('markFailed'),
		description:
			'When the failed run started (ISO 8601), e.g. from n8n\'s API lookup of the failed execution. A delivery claimed again after this (its redelivery is already running) is left alone. Leave empty to mark regardless.',
	},
	{
		displayName: 'Which',
		name: 'which',
		type: 'options',
		options: [
			{ name: 'Failed', value: 'failed' },
			{ name: 'Unfinished', value: 'unfinished' },
			{ name: 'Failed or Unfinished', value: 'both' },
		],
		default: 'both',
		displayOptions: only('list'),
		description:
			"Unfinished: claimed with the trigger's Unfinished Runs Expire After set, and that time passed without the run being marked processed or failed",
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: only('list'),
		description: 'Max number of results to return',
	},
	{
		displayName: 'Trigger URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/4f1c0e2a-…/webhook',
		displayOptions: only('replay'),
		description:
			"The trigger's production URL. Each input item (from Get Dead Letters) is sent to it with its stored payload.",
	},
	{
		displayName: 'Signature Header',
		name: 'signatureHeader',
		type: 'string',
		default: DEFAULT_SIGNATURE_HEADER,
		displayOptions: only('replay'),
		description: 'The header the trigger reads the signature from',
	},
];
