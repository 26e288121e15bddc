import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, preVerifiedNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPreVerifiedNumberId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['delete'] } },
	[...preVerifiedNumberFields, optionsCollection()],
);

/** Removes a pre-verified number from the pool. Meta cannot undo this. */
export const deleteNumber: Operation<string> = {
	description,
	prepare: readPreVerifiedNumberId,
	async run(context, connection, id) {
		const body = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.node(id),
		});
		return { id, deleted: body.success === true, success: body.success === true };
	},
};
