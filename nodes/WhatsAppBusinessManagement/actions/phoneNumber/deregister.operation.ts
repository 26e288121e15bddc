import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['deregister'] } },
	[...phoneNumberFields, optionsCollection()],
);

/** Takes a number off the Cloud API: it stops sending and receiving messages. */
export const deregister: Operation<string> = {
	description,
	prepare: readPhoneNumberId,
	async run(context, connection, id) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.deregister(id),
		});
		return { id, success: answer.success === true, deregistered: answer.success === true };
	},
};
