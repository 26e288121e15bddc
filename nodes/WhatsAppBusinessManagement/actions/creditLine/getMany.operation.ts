import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { businessIdField, optionsCollection, returnAllFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readBusinessId, readLimit } from '../parameters';
import { CREDIT_ROLE_HINT } from './creditLine';

const properties: INodeProperties[] = [
	businessIdField(
		"The partner's business portfolio whose credit lines to list (digits only). Leave empty to use the credential's Business ID.",
	),
	...returnAllFields,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['creditLine'], operation: ['getMany'] } },
	properties,
);

/** Lists the partner's credit lines (GET /{business}/extendedcredits), one item each. */
export const getMany: Operation<{ businessId: string; limit: number }> = {
	description,

	prepare(context, itemIndex, _options, run) {
		return {
			businessId: readBusinessId(context, itemIndex, run.credentialBusinessId),
			limit: readLimit(context, itemIndex),
		};
	},

	async run(context, connection, { businessId, limit }) {
		return await graphApiRequestAllItems.call(
			context,
			connection,
			{
				method: 'GET',
				path: edges.creditLines(businessId),
				qs: { fields: 'id,legal_entity_name' },
				permissionHint: CREDIT_ROLE_HINT,
			},
			{ limit, pageSize: MAX_PAGE_SIZE },
		);
	},
};
