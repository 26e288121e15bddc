import { updateDisplayOptions } from 'n8n-workflow';

import { withPlainStatus } from '../../helpers/phoneNumberView';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	[...phoneNumberFields, optionsCollection()],
);

/** Reads a WABA number: status, quality rating, messaging limit, name review, verification. */
export const get: Operation<string> = {
	description,
	prepare: readPhoneNumberId,
	async run(context, connection, id) {
		const body = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(id),
			qs: { fields: edges.PHONE_NUMBER_FIELDS },
		});
		return withPlainStatus(body);
	},
};
