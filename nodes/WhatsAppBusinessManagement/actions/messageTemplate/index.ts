import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { copy } from './copy.operation';
import { create } from './create.operation';
import { deleteTemplate } from './delete.operation';
import { edit } from './edit.operation';
import { get } from './get.operation';
import { getHealthStatus } from './getHealthStatus.operation';
import { getMany } from './getMany.operation';

export const operations: OperationMap['messageTemplate'] = {
	copy,
	create,
	delete: deleteTemplate,
	edit,
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
				name: 'Copy From Another WABA',
				value: 'copy',
				description:
					"Copy the approved templates of another WABA of the business (e.g. a new client's starter set)",
				action: 'Copy message templates from another WABA',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a template for Meta to review: header, body, footer, buttons',
				action: 'Create a message template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a template, every language or one',
				action: 'Delete a message template',
			},
			{
				name: 'Edit',
				value: 'edit',
				description: "Change a template's content or category; Meta reviews it again",
				action: 'Edit a message template',
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
