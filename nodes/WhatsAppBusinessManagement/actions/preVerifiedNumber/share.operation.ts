import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readSharing, sharingFields } from './sharing';
import type { Sharing } from './sharing';

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['share'] } },
	[...sharingFields, optionsCollection()],
);

/** Shares a pre-verified number with a partner business, which can then offer it to clients. */
export const share: Operation<Sharing> = {
	description,
	prepare: readSharing,
	async run(context, connection, sharing) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.sharePreVerifiedNumbers(sharing.businessId),
			body: { preverified_id: sharing.id, partner_business_id: sharing.partnerBusinessId },
		});
		return {
			id: sharing.id,
			partner_business_id: sharing.partnerBusinessId,
			shared: answer.success === true,
			success: answer.success === true,
		};
	},
};
