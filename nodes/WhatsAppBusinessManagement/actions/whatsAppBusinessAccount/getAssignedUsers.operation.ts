import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import {
	businessIdField,
	optionsCollection,
	returnAllFields,
	wabaFields,
} from '../common.descriptions';
import type { Operation } from '../node.type';
import { readBusinessId, readLimit, readWabaId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['getAssignedUsers'] } },
	[
		...wabaFields,
		businessIdField(
			"The partner's business portfolio whose users to list (Meta's `business`, digits only). Leave empty to use the credential's Business ID.",
		),
		...returnAllFields,
		optionsCollection(),
	],
);

interface ListRequest {
	wabaId: string;
	businessId: string;
	limit: number;
}

/** The users of a business assigned to a WABA, with their tasks: one item each. */
export const getAssignedUsers: Operation<ListRequest> = {
	description,

	prepare(context, itemIndex, _options, run) {
		return {
			wabaId: readWabaId(context, itemIndex),
			businessId: readBusinessId(context, itemIndex, run.credentialBusinessId),
			limit: readLimit(context, itemIndex),
		};
	},

	async run(context, connection, { wabaId, businessId, limit }) {
		const users = await graphApiRequestAllItems.call(
			context,
			connection,
			{
				method: 'GET',
				path: edges.assignedUsers(wabaId),
				qs: { business: businessId, fields: 'id,name,business,user_type,tasks' },
			},
			{ limit, pageSize: MAX_PAGE_SIZE },
		);
		return users.map((user) => ({
			waba_id: wabaId,
			...user,
			business_id: ((user.business ?? {}) as IDataObject).id ?? null,
		}));
	},
};
