import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { readUserId, userIdField } from './assignedUsers';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['removeUser'] } },
	[...wabaFields, userIdField, optionsCollection()],
);

/** Removes a user from a WABA. A user not assigned (any more) is a success that says so. */
export const removeUser: Operation<{ wabaId: string; userId: string }> = {
	description,

	prepare(context, itemIndex) {
		return {
			wabaId: readWabaId(context, itemIndex),
			userId: readUserId(context.getNodeParameter('userId', itemIndex, '')),
		};
	},

	async run(context, connection, { wabaId, userId }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.assignedUsers(wabaId),
			body: { user: userId },
			form: true,
			doneWhen: /not assigned/i,
		});
		return {
			waba_id: wabaId,
			user_id: userId,
			removed: true,
			alreadyRemoved: answer.alreadyDone === true,
		};
	},
};
