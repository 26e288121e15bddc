import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, preVerifiedNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPreVerifiedNumberId } from '../parameters';

const properties: INodeProperties[] = [
	...preVerifiedNumberFields,
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456',
		description: 'The 6-digit code received by SMS or voice call. Spaces and dashes are ignored.',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['verifyCode'] } },
	properties,
);

interface CodeCheck {
	id: string;
	code: string;
}

/** Sends the code the number received; a verified number stays verified for 90 days. */
export const verifyCode: Operation<CodeCheck> = {
	description,

	prepare(context, itemIndex) {
		const id = readPreVerifiedNumberId(context, itemIndex);
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
