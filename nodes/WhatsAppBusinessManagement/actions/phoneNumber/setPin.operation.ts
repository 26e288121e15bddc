import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields, pinField } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId, readPin } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['setPin'] } },
	[
		...phoneNumberFields,
		pinField(
			'The new two-step verification PIN, 6 digits. Meta has no way to turn two-step verification off.',
		),
		optionsCollection(),
	],
);

/** Sets or changes the number's two-step verification PIN. */
export const setPin: Operation<{ id: string; pin: string }> = {
	description,
	prepare: (context, itemIndex) => ({
		id: readPhoneNumberId(context, itemIndex),
		pin: readPin(context, itemIndex),
	}),
	async run(context, connection, { id, pin }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.node(id),
			body: { pin },
			secrets: [pin],
		});
		return { id, success: answer.success === true, two_step_verification: 'set' };
	},
};
