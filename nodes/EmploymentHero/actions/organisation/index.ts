import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organisation'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many organisations',
				action: 'Get many organisations',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
