import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { businessIdField, optionsCollection, returnAllFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readBusinessId, readLimit } from '../parameters';

type Ownership = 'owned' | 'client';

const properties: INodeProperties[] = [
	businessIdField(
		"Business portfolio whose WhatsApp Business Accounts to list (digits only). Leave empty to use the credential's Business ID.",
	),
	{
		displayName: 'Ownership',
		name: 'ownership',
		type: 'options',
		options: [
			{ name: 'All', value: 'all', description: 'Owned first, then those clients share' },
			{ name: 'Owned', value: 'owned', description: 'The WABAs the business owns' },
			{
				name: 'Client',
				value: 'client',
				description: 'The WABAs clients share with the business (after Embedded Signup)',
			},
		],
		default: 'all',
	},
	...returnAllFields,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['getMany'] } },
	properties,
);

interface ListRequest {
	businessId: string;
	lists: Ownership[];
	limit: number;
}

/** Lists the business's owned and client WABAs as one list, the ownership said on each. */
export const getMany: Operation<ListRequest> = {
	description,

	prepare(context, itemIndex, _options, run) {
		const businessId = readBusinessId(context, itemIndex, run.credentialBusinessId);
		const ownership = context.getNodeParameter('ownership', itemIndex, 'all') as string;
		const lists: Ownership[] =
			ownership === 'owned' ? ['owned'] : ownership === 'client' ? ['client'] : ['owned', 'client'];
		return { businessId, lists, limit: readLimit(context, itemIndex) };
	},

	async run(context, connection, { businessId, lists, limit }) {
		const wabas: IDataObject[] = [];
		for (const ownership of lists) {
			if (wabas.length >= limit) break;
			const path =
				ownership === 'owned' ? edges.ownedWabas(businessId) : edges.clientWabas(businessId);
			const page = await graphApiRequestAllItems.call(
				context,
				connection,
				{ method: 'GET', path, qs: { fields: edges.WABA_FIELDS } },
				{ limit: limit - wabas.length, pageSize: MAX_PAGE_SIZE },
			);
			wabas.push(...page.map((waba) => ({ ...waba, ownership })));
		}
		return wabas;
	},
};
