import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import {
	checkCurrency,
	CREDIT_CURRENCIES,
	CREDIT_ROLE_HINT,
	creditLineField,
	creditLineStatus,
	findSharing,
	readCreditLineId,
	readWabaFunding,
} from './creditLine';

const properties: INodeProperties[] = [
	creditLineField,
	...wabaFields,
	{
		displayName: 'Invoice Currency',
		name: 'currency',
		type: 'options',
		options: [
			{
				name: "The WABA's Currency",
				value: 'waba',
				description: 'When it is one Meta invoices in',
			},
			...CREDIT_CURRENCIES.map((code) => ({ name: code, value: code })),
		],
		default: 'waba',
		description: `The currency Meta invoices the client's use of the credit line in (${CREDIT_CURRENCIES.join(', ')})`,
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['creditLine'], operation: ['share'] } },
	properties,
);

interface ShareRequest {
	creditLineId: string;
	wabaId: string;
	/** Undefined: the WABA's own currency. */
	currency?: string;
}

/**
 * Shares the partner's credit line with a client's WABA and attaches it
 * (whatsapp_credit_sharing_and_attach), then verifies it as Meta's page says. Meta does not let
 * a credit line be changed once attached: a WABA already funded by this one is a success, by
 * another funding source an error. Sent once: after an ambiguous failure the WABA is read first.
 */
export const share: Operation<ShareRequest> = {
	description,

	prepare(context, itemIndex) {
		const creditLineId = readCreditLineId(context, itemIndex);
		const wabaId = readWabaId(context, itemIndex);
		const given = String(context.getNodeParameter('currency', itemIndex, 'waba'));
		return {
			creditLineId,
			wabaId,
			currency: given === 'waba' ? undefined : checkCurrency(given, 'Invoice Currency'),
		};
	},

	async run(context, connection, { creditLineId, wabaId, currency }) {
		const before = await readWabaFunding(context, connection, wabaId);
		if (before.primary_funding_id) {
			const status = await creditLineStatus(context, connection, creditLineId, wabaId, before);
			if (status.verified) return { ...status, alreadyShared: true };
			throw new InputError(
				`WABA ${wabaId} is already funded by another funding source (primary_funding_id ${before.primary_funding_id}), not by credit line ${creditLineId}: Meta does not let a credit line be changed once attached. Ask the client which payment method the WABA uses, or contact Meta support.`,
			);
		}
		const wabaCurrency = currency ?? checkCurrency(before.currency ?? '', "The WABA's currency");
		const findApplied = async () => {
			const after = await readWabaFunding(context, connection, wabaId);
			if (!after.primary_funding_id || !after.client_business_id) return undefined;
			const sharing = await findSharing(
				context,
				connection,
				creditLineId,
				after.client_business_id,
			);
			return sharing && { allocation_config_id: sharing.allocation_config_id, waba_id: wabaId };
		};
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.shareCreditLine(creditLineId),
			qs: { waba_id: wabaId, waba_currency: wabaCurrency },
			findApplied,
			permissionHint: CREDIT_ROLE_HINT,
		});
		const status = await creditLineStatus(context, connection, creditLineId, wabaId);
		return {
			...status,
			allocation_config_id: String(answer.allocation_config_id ?? status.allocation_config_id),
			currency: wabaCurrency,
			alreadyShared: false,
		};
	},
};
