import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { create } from './create.operation';
import { deleteQrCode } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { update } from './update.operation';

export const operations: OperationMap['qrCode'] = {
	create,
	delete: deleteQrCode,
	get,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['qrCode'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a QR code and link that open a chat with a prefilled message',
				action: 'Create a QR code',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a QR code; its link stops working',
				action: 'Delete a QR code',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a QR code with its image',
				action: 'Get a QR code',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the number's QR codes",
				action: 'Get many QR codes',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a QR code's prefilled message",
				action: 'Update a QR code',
			},
		],
		default: 'create',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
