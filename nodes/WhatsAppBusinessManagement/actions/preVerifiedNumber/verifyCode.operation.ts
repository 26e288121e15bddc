import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import { validationError } from '../../helpers/itemResults';
import { quoteInput } from '../../helpers/quoteInput';
import { graphApiRequest } from '../../transport';
import { optionsField, readPreVerifiedNumberId, singleNumberFields } from './fields';

export const description: INodeProperties[] = [
	...singleNumberFields('verifyCode'),
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The 6-digit code received by SMS or voice call. Spaces and dashes are ignored.',
		displayOptions: { show: { resource: ['preVerifiedNumber'], operation: ['verifyCode'] } },
	},
	optionsField(['verifyCode']),
];

interface CodeCheck {
	id: string;
	code: string;
}

/** Sends the code the number received; a verified number stays verified for 90 days. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(this, items, {
		prepare: (itemIndex) =>
			prepareWith((): CodeCheck => {
				const id = readPreVerifiedNumberId.call(this, itemIndex);
				const raw = this.getNodeParameter('code', itemIndex, '') as unknown;
				const text = typeof raw === 'number' ? String(raw).padStart(6, '0') : String(raw ?? '');
				const code = text.replace(/[\s-]/g, '');
				if (!/^[0-9]{6}$/.test(code)) {
					throw validationError(
						`Code ${quoteInput(text)} is not valid: use the 6 digits from the SMS or call, e.g. 123456.`,
					);
				}
				return { id, code };
			}),
		run: async (connection, check: CodeCheck) => {
			const { body } = await graphApiRequest.call(this, connection, {
				method: 'POST',
				path: [check.id, 'verify_code'],
				body: { code: check.code },
			});
			return { id: check.id, success: body.success === true, verified: body.success === true };
		},
	});
}
