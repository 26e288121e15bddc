import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequestAllItems } from '../../transport';
import { optionsCollection, preVerifiedNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPreVerifiedNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['getPartners'] } },
	[...preVerifiedNumberFields, optionsCollection()],
);

/** The partner businesses a pre-verified number is shared with, one output item each. */
export const getPartners: Operation<string> = {
	description,
	prepare: readPreVerifiedNumberId,
	async run(context, connection, id) {
		const partners = await graphApiRequestAllItems.call(context, connection, {
			method: 'GET',
			path: edges.partners(id),
			qs: { fields: 'id,name' },
		});
		return partners.map((partner) => ({ ...partner, preverified_id: id }));
	},
};
