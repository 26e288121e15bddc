import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { creditLineField, creditLineStatus, readCreditLineId } from './creditLine';

export const description = updateDisplayOptions(
	{ show: { resource: ['creditLine'], operation: ['getStatus'] } },
	[creditLineField, ...wabaFields, optionsCollection()],
);

/**
 * Whether a client's WABA is funded by the credit line, verified as Meta's page says (the
 * sharing's receiving_credential.id equals the WABA's primary_funding_id). Only reads.
 */
export const getStatus: Operation<{ creditLineId: string; wabaId: string }> = {
	description,

	prepare(context, itemIndex) {
		return {
			creditLineId: readCreditLineId(context, itemIndex),
			wabaId: readWabaId(context, itemIndex),
		};
	},

	async run(context, connection, { creditLineId, wabaId }) {
		return { ...(await creditLineStatus(context, connection, creditLineId, wabaId)) };
	},
};
