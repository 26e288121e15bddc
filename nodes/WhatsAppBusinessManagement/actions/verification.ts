import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { quoteInput } from '../helpers/userInput';
import { edges, graphApiRequest } from '../transport';
import { optionsCollection } from './common.descriptions';
import type { Operation, WhatsAppBusinessManagementMap } from './node.type';

// Meta's contract: a five-character locale such as en_US.
const LANGUAGE = /^[a-z]{2}_[A-Z]{2}$/;

/** Which number a verification operation acts on: its fields and how its ID is read. */
interface NumberTarget {
	resource: keyof WhatsAppBusinessManagementMap;
	fields: INodeProperties[];
	readId(context: IExecuteFunctions, itemIndex: number): string;
}

interface CodeRequest {
	id: string;
	codeMethod: string;
	language: string;
}

/** Request Verification Code, the same for a pre-verified number and a WABA number. */
export function requestCodeOperation(target: NumberTarget): Operation<CodeRequest> {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [target.resource], operation: ['requestCode'] } },
			[
				...target.fields,
				{
					displayName: 'Code Method',
					name: 'codeMethod',
					type: 'options',
					options: [
						{ name: 'SMS', value: 'SMS', description: 'Send the code in a text message' },
						{
							name: 'Voice Call',
							value: 'VOICE',
							description: 'Read the code out in a phone call',
						},
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
			],
		),

		prepare(context, itemIndex) {
			const id = target.readId(context, itemIndex);
			const codeMethod = String(context.getNodeParameter('codeMethod', itemIndex, 'SMS'));
			if (codeMethod !== 'SMS' && codeMethod !== 'VOICE') {
				throw new InputError(
					`Code Method ${quoteInput(codeMethod)} is not valid: use SMS or VOICE.`,
				);
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
}

interface CodeCheck {
	id: string;
	code: string;
}

/** Verify Code, the same for a pre-verified number and a WABA number. */
export function verifyCodeOperation(target: NumberTarget): Operation<CodeCheck> {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [target.resource], operation: ['verifyCode'] } },
			[
				...target.fields,
				{
					displayName: 'Code',
					name: 'code',
					type: 'string',
					required: true,
					default: '',
					placeholder: '123456',
					description:
						'The 6-digit code received by SMS or voice call. Spaces and dashes are ignored.',
				},
				optionsCollection(),
			],
		),

		prepare(context, itemIndex) {
			const id = target.readId(context, itemIndex);
			const raw = context.getNodeParameter('code', itemIndex, '') as unknown;
			const text = typeof raw === 'number' ? String(raw).padStart(6, '0') : String(raw ?? '');
			const code = text.replace(/[\s-]/g, '');
			if (!/^[0-9]{6}$/.test(code)) {
				throw new InputError(
					`Code ${quoteInput(text)} is not valid: use the 6 digits from the SMS or call, e.g. 123456.`,
				);
			}
			return { id, code };
		},

		async run(context, connection, check) {
			const body = await graphApiRequest.call(context, connection, {
				method: 'POST',
				path: edges.verifyCode(check.id),
				body: { code: check.code },
			});
			return { id: check.id, success: body.success === true, verified: body.success === true };
		},
	};
}
