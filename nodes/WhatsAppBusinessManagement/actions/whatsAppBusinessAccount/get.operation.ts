import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['get'] } },
	[...wabaFields, optionsCollection()],
);

/** Reads a WABA: name, currency, time zone, template namespace, review and verification, owner. */
export const get: Operation<string> = {
	description,
	prepare: readWabaId,
	async run(context, connection, id) {
		return await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(id),
			qs: { fields: edges.WABA_FIELDS },
		});
	},
};
