import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withPlainStatus } from '../../helpers/phoneNumberView';
import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import { optionsCollection, returnAllFields, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit, readWabaId } from '../parameters';

/**
 * Meta's "Messaging limits" page: limits belong to the business portfolio since 2025-10-07 and
 * are shared by all its numbers; `messaging_limit_tier` is deprecated. A filter on it no longer
 * filters anything real, so saved nodes that set it run without it, and say so.
 */
const DEPRECATED_TIER_NOTICE =
	"Meta deprecated messaging_limit_tier: since 2025-10-07 the messaging limit is the business portfolio's, shared by all its numbers (250, 2K, 10K, 100K or unlimited). The Messaging Limit Tier filter is no longer sent: every number is returned, each with its portfolio's limit in messaging_limit. Remove the filter; to keep numbers by limit, add a Filter node on messaging_limit.";

/** The item's notice names the value its row saved, so that a sheet shows which row said what. */
const tierNotice = (tier: unknown) =>
	`Messaging Limit Tier ${String(tier).replace(/^TIER_/, '')} did not filter: ${DEPRECATED_TIER_NOTICE}`;

/** Each run's notice is shown once in n8n's output pane, whatever the number of items. */
const noticed = new WeakSet<object>();

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
				// Saved 1.0 nodes only: kept so that their value loads, and their run says why it no
				// longer filters.
				displayName: 'Messaging Limit Tier (No Longer Filters)',
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
				description: DEPRECATED_TIER_NOTICE,
				displayOptions: { show: { '@version': [1] } },
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
	/** Why a saved filter was not sent, for every output item. */
	notice?: string;
}

// Meta's `filtering` conditions: the filter fields it documents for this edge that still filter.
const FILTER_FIELDS: Record<string, string> = {
	accountMode: 'account_mode',
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
		if (filters.messagingLimitTier === undefined || filters.messagingLimitTier === '') {
			return { wabaId, limit, qs };
		}
		if (!noticed.has(context)) {
			noticed.add(context);
			context.addExecutionHints?.({
				message: `Get Many: ${DEPRECATED_TIER_NOTICE}`,
				type: 'warning',
				location: 'outputPane',
			});
		}
		return { wabaId, limit, qs, notice: tierNotice(filters.messagingLimitTier) };
	},

	async run(context, connection, request) {
		const numbers = await graphApiRequestAllItems.call(
			context,
			connection,
			{ method: 'GET', path: edges.wabaPhoneNumbers(request.wabaId), qs: request.qs },
			{ limit: request.limit, pageSize: MAX_PAGE_SIZE },
		);
		const { notice } = request;
		return numbers.map((number) => ({ ...withPlainStatus(number), ...(notice && { notice }) }));
	},
};
