import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { add } from './add.operation';
import { deleteNumber } from './delete.operation';
import { get } from './get.operation';
import { getMany } from './getMany.operation';
import { getPartners } from './getPartners.operation';
import { requestCode } from './requestCode.operation';
import { share } from './share.operation';
import { stopSharing } from './stopSharing.operation';
import { verifyCode } from './verifyCode.operation';

export const operations: OperationMap['preVerifiedNumber'] = {
	add,
	delete: deleteNumber,
	get,
	getMany,
	getPartners,
	requestCode,
	share,
	stopSharing,
	verifyCode,
};

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove a pre-verified phone number from the pool',
				action: 'Delete a phone number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a pre-verified phone number, its status and expiry',
				action: 'Get a phone number',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the business's pre-verified phone numbers",
				action: 'Get many phone numbers',
			},
			{
				name: 'Get Partners',
				value: 'getPartners',
				description: 'List the partner businesses the number is shared with',
				action: 'Get the partners of a phone number',
			},
			{
				name: 'Request Verification Code',
				value: 'requestCode',
				description: 'Send a verification code to the number by SMS or voice call',
				action: 'Request a verification code',
			},
			{
				name: 'Share with Partner',
				value: 'share',
				description: 'Share the number with a partner business',
				action: 'Share a phone number with a partner',
			},
			{
				name: 'Stop Sharing',
				value: 'stopSharing',
				description: 'Stop sharing the number with a partner business',
				action: 'Stop sharing a phone number',
			},
			{
				name: 'Verify Code',
				value: 'verifyCode',
				description: 'Verify the number with the code it received',
				action: 'Verify a code',
			},
		],
		default: 'add',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
