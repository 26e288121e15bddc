import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, preVerifiedNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPreVerifiedNumberId } from '../parameters';

// Meta's contract: a five-character locale such as en_US.
const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

const properties: INodeProperties[] = [
	...preVerifiedNumberFields,
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
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: 'en_US',
		placeholder: 'en_US',
		description: 'Locale of the message, like en_US or es_ES',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['requestCode'] } },
	properties,
);

interface CodeRequest {
	id: string;
	codeMethod: string;
	language: string;
}

/** Asks Meta to send a verification code to the number by SMS or voice call. */
export const requestCode: Operation<CodeRequest> = {
	description,

	prepare(context, itemIndex) {
		const id = readPreVerifiedNumberId(context, itemIndex);
		const codeMethod = String(context.getNodeParameter('codeMethod', itemIndex, 'SMS'));
		if (codeMethod !== 'SMS' && codeMethod !== 'VOICE') {
			throw new InputError(`Code Method ${quoteInput(codeMethod)} is not valid: use SMS or VOICE.`);
		}
		const language =
			String(context.getNodeParameter('language', itemIndex, 'en_US')).trim() || 'en_US';
		if (!LANGUAGE.test(language)) {
			throw new InputError(
				`Language ${quoteInput(language)} is not valid: use a locale like en_US or pt_BR.`,
			);
		}
		return { id, codeMethod, language };
	},

	async run(context, connection, request) {
		const body = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.requestCode(request.id),
			body: { code_method: request.codeMethod, language: request.language },
		});
		return {
			id: request.id,
			success: body.success === true,
			code_method: request.codeMethod,
			language: request.language,
		};
	},
};
