import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { readBusinessProfile } from './businessProfile';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getBusinessProfile'] } },
	[...phoneNumberFields, optionsCollection()],
);

/** Reads how the number shows to customers: about, address, description, email, websites, vertical. */
export const getBusinessProfile: Operation<string> = {
	description,
	prepare: readPhoneNumberId,
	async run(context, connection, id) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.businessProfile(id),
			qs: { fields: edges.BUSINESS_PROFILE_FIELDS },
		});
		return { id, ...readBusinessProfile(answer) };
	},
};
