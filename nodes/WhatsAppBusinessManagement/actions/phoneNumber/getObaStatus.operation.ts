import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { readObaStatus } from './officialBusinessAccount';

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getObaStatus'] } },
	[...phoneNumberFields, optionsCollection()],
);

/** Where the number's Official Business Account (the blue badge) stands: NOT_STARTED, PENDING, … */
export const getObaStatus: Operation<string> = {
	description,
	prepare: readPhoneNumberId,
	async run(context, connection, id) {
		return { ...(await readObaStatus(context, connection, id)) };
	},
};
