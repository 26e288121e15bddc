import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { getMany } from './getMany.operation';
import { getSharings } from './getSharings.operation';
import { getStatus } from './getStatus.operation';
import { revoke } from './revoke.operation';
import { share } from './share.operation';

export const operations: OperationMap['creditLine'] = {
	getMany,
	getSharings,
	getStatus,
	revoke,
	share,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['creditLine'] } },
		options: [
			{
				name: 'Get Credit Line Status',
				value: 'getStatus',
				description:
					"Whether a client's WABA is funded by the credit line, verified as Meta says (no change)",
				action: 'Get the credit line status of a whatsapp business account',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the partner's credit lines",
				action: 'Get many credit lines',
			},
			{
				name: 'Get Many Sharings',
				value: 'getSharings',
				description: 'List the clients a credit line is shared with, one item per client',
				action: 'Get many credit line sharings',
			},
			{
				name: 'Revoke',
				value: 'revoke',
				description: "Stop sharing the credit line with a client's business (all its WABAs)",
				action: 'Revoke a credit line',
			},
			{
				name: 'Share With WABA',
				value: 'share',
				description: "Share the credit line with a client's WABA and attach it, then verify it",
				action: 'Share a credit line with a whatsapp business account',
			},
		],
		default: 'share',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
