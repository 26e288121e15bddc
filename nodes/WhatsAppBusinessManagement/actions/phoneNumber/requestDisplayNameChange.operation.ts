import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['requestDisplayNameChange'] } },
	[
		...phoneNumberFields,
		{
			displayName: 'New Display Name',
			name: 'newDisplayName',
			type: 'string',
			required: true,
			default: '',
			placeholder: "Jasper's Market",
			description:
				'The name customers should see, 2 to 75 characters. Meta reviews it; once approved, register the number again.',
		},
		optionsCollection(),
	],
);

/** Submits a new display name for Meta's review; Get shows the review in new_name_status. */
export const requestDisplayNameChange: Operation<{ id: string; name: string }> = {
	description,
	prepare(context, itemIndex) {
		const id = readPhoneNumberId(context, itemIndex);
		const name = String(context.getNodeParameter('newDisplayName', itemIndex, '')).trim();
		if (name.length < 2 || name.length > 75) {
			throw new InputError(
				`New Display Name ${quoteInput(name)} is not valid: Meta wants 2 to 75 characters.`,
			);
		}
		return { id, name };
	},
	async run(context, connection, { id, name }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.node(id),
			body: { new_display_name: name },
		});
		return { id, success: answer.success === true, new_display_name: name };
	},
};
