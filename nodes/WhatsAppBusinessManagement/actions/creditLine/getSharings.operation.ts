import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { optionsCollection, returnAllFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit } from '../parameters';
import { CREDIT_ROLE_HINT, creditLineField, readCreditLineId, toSharing } from './creditLine';

export const description = updateDisplayOptions(
	{ show: { resource: ['creditLine'], operation: ['getSharings'] } },
	[creditLineField, ...returnAllFields, optionsCollection()],
);

/** Every active sharing of a credit line (owning_credit_allocation_configs), one item per client. */
export const getSharings: Operation<{ creditLineId: string; limit: number }> = {
	description,

	prepare(context, itemIndex) {
		return {
			creditLineId: readCreditLineId(context, itemIndex),
			limit: readLimit(context, itemIndex),
		};
	},

	async run(context, connection, { creditLineId, limit }) {
		const configs = await graphApiRequestAllItems.call(
			context,
			connection,
			{
				method: 'GET',
				path: edges.creditLineSharings(creditLineId),
				qs: { fields: edges.ALLOCATION_FIELDS },
				permissionHint: CREDIT_ROLE_HINT,
			},
			{ limit, pageSize: MAX_PAGE_SIZE },
		);
		return configs.map((config) => ({ credit_line_id: creditLineId, ...toSharing(config) }));
	},
};
