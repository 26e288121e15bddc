import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readSharing, sharingFields } from './sharing';
import type { Sharing } from './sharing';

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['stopSharing'] } },
	[...sharingFields, optionsCollection()],
);

/**
 * Stops sharing a pre-verified number with a partner. Meta's guide documents DELETE on the
 * share edge with the same two IDs; its OpenAPI contract lists only POST.
 */
export const stopSharing: Operation<Sharing> = {
	description,
	prepare: readSharing,
	async run(context, connection, sharing) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.sharePreVerifiedNumbers(sharing.businessId),
			qs: { preverified_id: sharing.id, partner_business_id: sharing.partnerBusinessId },
		});
		return {
			id: sharing.id,
			partner_business_id: sharing.partnerBusinessId,
			shared: answer.success !== true,
			success: answer.success === true,
		};
	},
};
