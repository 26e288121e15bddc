import { updateDisplayOptions } from 'n8n-workflow';

import { withExpiry } from '../../helpers/graphTime';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, preVerifiedNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPreVerifiedNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['get'] } },
	[...preVerifiedNumberFields, optionsCollection()],
);

/** Reads a pre-verified number: status, verification and expiry times, owner, days to expiry. */
export const get: Operation<string> = {
	description,
	prepare: readPreVerifiedNumberId,
	async run(context, connection, id) {
		const body = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(id),
			qs: { fields: edges.PRE_VERIFIED_NUMBER_FIELDS },
		});
		return withExpiry(body);
	},
};
