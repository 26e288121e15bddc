import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import { validationError } from '../../helpers/itemResults';
import { quoteInput } from '../../helpers/quoteInput';
import { graphApiRequest } from '../../transport';
import { optionsField, readPreVerifiedNumberId, singleNumberFields } from './fields';

const show = { show: { resource: ['preVerifiedNumber'], operation: ['requestCode'] } };
// Meta's contract: a five-character locale such as en_US.
const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

export const description: INodeProperties[] = [
	...singleNumberFields('requestCode'),
	{
		displayName: 'Code Method',
		name: 'codeMethod',
		type: 'options',
		options: [
			{ name: 'SMS', value: 'SMS', description: 'Send the code in a text message' },
			{ name: 'Voice Call', value: 'VOICE', description: 'Read the code out in a phone call' },
		],
		default: 'SMS',
		description: 'How Meta sends the verification code to the number',
		displayOptions: show,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		placeholder: 'en_US',
		description: 'Locale of the message, like en_US or es_ES',
		displayOptions: show,
	},
	optionsField(['requestCode']),
];

interface CodeRequest {
	id: string;
	codeMethod: string;
	language: string;
}

/** Asks Meta to send a verification code to the number by SMS or voice call. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(this, items, {
		prepare: (itemIndex) =>
			prepareWith((): CodeRequest => {
				const id = readPreVerifiedNumberId.call(this, itemIndex);
				const codeMethod = String(this.getNodeParameter('codeMethod', itemIndex, 'SMS'));
				if (codeMethod !== 'SMS' && codeMethod !== 'VOICE') {
					throw validationError(
						`Code Method ${quoteInput(codeMethod)} is not valid: use SMS or VOICE.`,
					);
				}
				const language =
					String(this.getNodeParameter('language', itemIndex, 'en_US')).trim() || 'en_US';
				if (!LANGUAGE.test(language)) {
					throw validationError(
						`Language ${quoteInput(language)} is not valid: use a locale like en_US or pt_BR.`,
					);
				}
				return { id, codeMethod, language };
			}),
		run: async (connection, request: CodeRequest) => {
			const { body } = await graphApiRequest.call(this, connection, {
				method: 'POST',
				path: [request.id, 'request_code'],
				body: { code_method: request.codeMethod, language: request.language },
			});
			return {
				id: request.id,
				success: body.success === true,
				code_method: request.codeMethod,
				language: request.language,
			};
		},
	});
}
