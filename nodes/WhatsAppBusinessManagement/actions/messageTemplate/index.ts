import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { deleteTemplate } from './delete.operation';
import { get } from './get.operation';
import { getHealthStatus } from './getHealthStatus.operation';
import { getMany } from './getMany.operation';

export const operations: OperationMap['messageTemplate'] = {
	delete: deleteTemplate,
	get,
	getHealthStatus,
	getMany,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['messageTemplate'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template, every language or one',
				action: 'Delete a message template',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a template: status, rejection reason, category, quality, content',
				action: 'Get a message template',
			},
			{
				name: 'Get Health Status',
				value: 'getHealthStatus',
				description:
					'Whether the template can be sent, and what blocks or limits it (template, WABA, business, app)',
				action: 'Get the health status of a message template',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the WABA's templates by name, status, category, language or quality",
				action: 'Get many message templates',
			},
		],
		default: 'getMany',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
