import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['unsubscribeApp'] } },
	[...wabaFields, optionsCollection()],
);

/** Unsubscribes the token's app from the WABA's webhooks. */
export const unsubscribeApp: Operation<string> = {
	description,
	prepare: readWabaId,
	async run(context, connection, wabaId) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.subscribedApps(wabaId),
		});
		return { waba_id: wabaId, success: answer.success === true, subscribed: false };
	},
};
