import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withPlainStatus } from '../../helpers/phoneNumberView';
import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { optionsCollection, returnAllFields, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit, readWabaId } from '../parameters';

const properties: INodeProperties[] = [
	...wabaFields,
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Account Mode',
				name: 'accountMode',
				type: 'options',
				options: [
					{ name: 'Live', value: 'LIVE' },
					{ name: 'Sandbox', value: 'SANDBOX' },
				],
				default: 'LIVE',
			},
			{
				displayName: 'Messaging Limit Tier',
				name: 'messagingLimitTier',
				type: 'options',
				options: [
					{ name: '100K', value: 'TIER_100K' },
					{ name: '10K', value: 'TIER_10K' },
					{ name: '1K', value: 'TIER_1K' },
					{ name: '250', value: 'TIER_250' },
					{ name: '50', value: 'TIER_50' },
					{ name: 'Unlimited', value: 'TIER_UNLIMITED' },
				],
				default: 'TIER_1K',
			},
			{
				displayName: 'Official Business Account',
				name: 'isOfficialBusinessAccount',
				type: 'boolean',
				default: true,
				description: 'Whether to return only numbers with (or without) the official business badge',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'options',
			options: [
				{ name: 'Newest First', value: 'creation_time.desc' },
				{ name: 'Oldest First', value: 'creation_time.asc' },
				{ name: 'Recently Onboarded First', value: 'last_onboarded_time.desc' },
				{ name: 'Earliest Onboarded First', value: 'last_onboarded_time.asc' },
			],
			default: 'creation_time.desc',
			description: 'The order in which Meta returns the numbers',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getMany'] } },
	properties,
);

interface ListRequest {
	wabaId: string;
	limit: number;
	qs: IDataObject;
}

// Meta's `filtering` conditions: the filter fields it documents for this edge.
const FILTER_FIELDS: Record<string, string> = {
	accountMode: 'account_mode',
	messagingLimitTier: 'messaging_limit_tier',
	isOfficialBusinessAccount: 'is_official_business_account',
};

/** Lists a WABA's phone numbers with their status, one output item each. */
export const getMany: Operation<ListRequest> = {
	description,

	prepare(context, itemIndex, options) {
		const wabaId = readWabaId(context, itemIndex);
		const limit = readLimit(context, itemIndex);
		const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const conditions = Object.entries(FILTER_FIELDS)
			.filter(([name]) => filters[name] !== undefined && filters[name] !== '')
			.map(([name, field]) => ({ field, operator: 'EQUAL', value: filters[name] }));
		const qs: IDataObject = { fields: edges.PHONE_NUMBER_FIELDS };
		if (conditions.length > 0) qs.filtering = JSON.stringify(conditions);
		if (typeof options.sort === 'string' && options.sort) qs.sort = options.sort;
		return { wabaId, limit, qs };
	},

	async run(context, connection, request) {
		const numbers = await graphApiRequestAllItems.call(
			context,
			connection,
			{ method: 'GET', path: edges.wabaPhoneNumbers(request.wabaId), qs: request.qs },
			{ limit: request.limit, pageSize: MAX_PAGE_SIZE },
		);
		return numbers.map(withPlainStatus);
	},
};
