import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { readSubscribedApps } from './subscribedApps';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['getSubscribedApps'] } },
	[...wabaFields, optionsCollection()],
);

/** The apps subscribed to the WABA's webhooks: one output item per WABA, with the list. */
export const getSubscribedApps: Operation<string> = {
	description,
	prepare: readWabaId,
	async run(context, connection, wabaId) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.subscribedApps(wabaId),
		});
		const apps = readSubscribedApps(answer);
		return { waba_id: wabaId, subscribed_apps: apps, count: apps.length };
	},
};
