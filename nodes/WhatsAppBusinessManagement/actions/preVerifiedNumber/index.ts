import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';

export { add };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['preVerifiedNumber'] } },
		options: [
			{
				name: 'Add Phone Number',
				value: 'add',
				description: "Add a pre-verified phone number to a business's pool",
				action: 'Add a phone number',
			},
		],
		default: 'add',
	},
	...add.description,
];
