import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	analyticsField,
	checkRange,
	insideRange,
	METRICS,
	readAnalyticsPage,
	templateIdBatches,
	toRow,
	toUnixSeconds,
	wholeDays,
} from '../../helpers/analytics';
import type { AnalyticsQuery, Granularity, Metric } from '../../helpers/analytics';
import { COUNTRY_OPTIONS } from '../../helpers/countries';
import { InputError } from '../../helpers/errors';
import { normalizePhoneNumber } from '../../helpers/normalizePhoneNumber';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import type { Context, GraphConnection } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';

const show = (metric: Metric[]) => ({ show: { metric } });

const fields: INodeProperties[] = [
	...wabaFields,
	{
		displayName: 'Metric',
		name: 'metric',
		type: 'options',
		default: 'pricing',
		options: [
			{
				name: 'Pricing',
				value: 'pricing',
				description:
					'Per-message pricing: messages delivered and their cost, by category, type, country, number or tier',
			},
			{
				name: 'Messages',
				value: 'messages',
				description: "Messages sent and delivered by the WABA's numbers",
			},
			{
				name: 'Conversations (Legacy)',
				value: 'conversations',
				description: 'Conversation-based pricing: Meta billed by conversation until July 1, 2025',
			},
			{
				name: 'Templates',
				value: 'templates',
				description:
					'Per template: sent, delivered, read, clicked and cost (daily, last 90 days; needs template insights turned on)',
			},
		],
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"Beginning of the period, included, e.g. {{ $now.toUTC().minus(1, 'month').startOf('month') }}. A date without a time zone is read as UTC. Meta keeps 1 year (Templates: 90 days). Every metric reports from Start up to End; Templates come in whole UTC days, so only the days wholly inside the range.",
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		required: true,
		default: '',
		description:
			"End of the period, after Start and not included, e.g. {{ $now.toUTC().startOf('month') }} for up to the end of last month. A date without a time zone is read as UTC.",
	},
	{
		displayName: 'Granularity',
		name: 'granularity',
		type: 'options',
		default: 'daily',
		options: [
			{ name: 'Half Hour', value: 'halfHour' },
			{ name: 'Daily', value: 'daily' },
			{ name: 'Monthly', value: 'monthly' },
		],
		description: 'One data point per period of this length (UTC). Templates come only Daily.',
	},
	{
		displayName: 'Break Down By',
		name: 'pricingDimensions',
		type: 'multiOptions',
		default: [],
		options: [
			{ name: 'Country', value: 'COUNTRY' },
			{ name: 'Phone Number', value: 'PHONE' },
			{ name: 'Pricing Category', value: 'PRICING_CATEGORY' },
			{ name: 'Pricing Type', value: 'PRICING_TYPE' },
			{ name: 'Tier', value: 'TIER' },
		],
		description:
			'One data point per value of each (e.g. one per pricing category); none gives totals',
		displayOptions: show(['pricing']),
	},
	{
		displayName: 'Break Down By',
		name: 'conversationDimensions',
		type: 'multiOptions',
		default: [],
		options: [
			{ name: 'Conversation Category', value: 'CONVERSATION_CATEGORY' },
			{ name: 'Conversation Direction', value: 'CONVERSATION_DIRECTION' },
			{ name: 'Conversation Type', value: 'CONVERSATION_TYPE' },
			{ name: 'Country', value: 'COUNTRY' },
			{ name: 'Phone Number', value: 'PHONE' },
		],
		description: 'One data point per value of each; none gives totals',
		displayOptions: show(['conversations']),
	},
	{
		displayName: 'Template IDs',
		name: 'templateIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234567890123456, 2345678901234567',
		description:
			'The templates to report on, separated by commas (or a list from an expression). Meta takes 10 a request: more are asked in several requests and merged.',
		displayOptions: show(['templates']),
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { hide: { metric: ['templates'] } },
		options: [
			{
				displayName: 'Phone Numbers',
				name: 'phoneNumbers',
				type: 'string',
				default: '',
				placeholder: '+1 631 555 1000, +44 20 7946 0000',
				description:
					"Only these business numbers, written as you know them (with their country code), separated by commas. Any number Meta lists for the WABA is taken, Meta's test numbers (+1 555 …) too.",
			},
			{
				displayName: 'Countries',
				name: 'countries',
				type: 'multiOptions',
				default: [],
				options: COUNTRY_OPTIONS,
				description: 'Only messages to these countries',
			},
			{
				displayName: 'Pricing Categories',
				name: 'pricingCategories',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Authentication', value: 'AUTHENTICATION' },
					{ name: 'Authentication International', value: 'AUTHENTICATION_INTERNATIONAL' },
					{ name: 'Marketing', value: 'MARKETING' },
					{ name: 'Marketing Lite', value: 'MARKETING_LITE' },
					{ name: 'Service', value: 'SERVICE' },
					{ name: 'Utility', value: 'UTILITY' },
				],
				description: 'Only these pricing categories (Pricing metric only)',
			},
			{
				displayName: 'Pricing Types',
				name: 'pricingTypes',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Free Customer Service', value: 'FREE_CUSTOMER_SERVICE' },
					{ name: 'Free Entry Point', value: 'FREE_ENTRY_POINT' },
					{ name: 'Regular', value: 'REGULAR' },
				],
				description: 'Only these pricing types (Pricing metric only)',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['getAnalytics'] } },
	fields,
);

interface Prepared {
	wabaId: string;
	/** The range the user asked, Unix seconds: from Start up to (not including) End. */
	range: { start: number; end: number };
	/** One query per request: several for more template IDs than Meta takes at once. */
	queries: AnalyticsQuery[];
}

/** A list field's values: a list from an expression, or text separated by commas. */
function listOf(value: unknown): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,;\n]/)
			: [];
	return [...new Set(entries.map((entry) => String(entry).trim()).filter((e) => e !== ''))];
}

/**
 * The Phone Numbers filter as Meta takes it: each number's digits with its country code. They
 * are the business's own numbers, so any number Meta could list passes (Meta's test numbers too).
 */
function readPhoneFilter(value: unknown): string[] {
	return listOf(value).map((entry) => {
		const result = normalizePhoneNumber(entry, undefined, 'existing');
		if (!result.ok) throw new InputError(`Phone Numbers filter: ${result.message}`);
		return result.e164.slice(1);
	});
}

const COUNTRY_CODES = new Set(COUNTRY_OPTIONS.map((option) => String(option.value)));

/** The Countries filter: ISO 3166-1 alpha-2 codes, as Meta's country_codes takes them. */
function readCountries(value: unknown): string[] {
	return listOf(value).map((code) => {
		if (!/^[A-Za-z]{2}$/.test(code)) {
			throw new InputError(
				`Country ${quoteInput(code)} in the Countries filter is not valid: use a two-letter ISO code such as US or BR.`,
			);
		}
		const upper = code.toUpperCase();
		// Meta would answer an unknown code with no data for it, and the row would look complete.
		if (!COUNTRY_CODES.has(upper)) {
			throw new InputError(
				`Country ${quoteInput(code)} in the Countries filter is not a country: Meta takes ISO 3166-1 two-letter country codes, such as US, BR or IN (the Countries list holds every one).`,
			);
		}
		return upper;
	});
}

function readTemplateIds(value: unknown): string[] {
	const ids = listOf(value);
	if (ids.length === 0) {
		throw new InputError('Template IDs is empty: enter the IDs of the templates to report on.');
	}
	const bad = ids.find((id) => !/^[0-9]+$/.test(id));
	if (bad !== undefined) {
		throw new InputError(
			`Template ID ${quoteInput(bad)} is not valid: use the digits of the template's ID, e.g. 1234567890123456.`,
		);
	}
	return ids;
}

function prepare(context: IExecuteFunctions, itemIndex: number): Prepared {
	const wabaId = readWabaId(context, itemIndex);
	const metric = context.getNodeParameter('metric', itemIndex, 'pricing') as Metric;
	if (!(metric in METRICS)) {
		throw new InputError(
			`Metric ${quoteInput(String(metric))} is not known: use pricing, messages, conversations or templates.`,
		);
	}
	const start = toUnixSeconds('Start', context.getNodeParameter('start', itemIndex, ''));
	const end = toUnixSeconds('End', context.getNodeParameter('end', itemIndex, ''));
	const granularityChoice = context.getNodeParameter(
		'granularity',
		itemIndex,
		'daily',
	) as Granularity;
	const granularity = checkRange(metric, start, end, granularityChoice, Date.now());
	const base = { metric, start, end, granularity };
	if (metric === 'templates') {
		const days = wholeDays(start, end);
		const ids = readTemplateIds(context.getNodeParameter('templateIds', itemIndex, ''));
		return {
			wabaId,
			range: { start, end },
			queries: templateIdBatches(ids).map((batch) => ({
				...base,
				...days,
				lists: { template_ids: batch },
			})),
		};
	}
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const lists: Record<string, string[]> = {
		phone_numbers: readPhoneFilter(filters.phoneNumbers),
		country_codes: readCountries(filters.countries),
	};
	if (metric === 'pricing') {
		lists.pricing_categories = listOf(filters.pricingCategories);
		lists.pricing_types = listOf(filters.pricingTypes);
		lists.dimensions = listOf(context.getNodeParameter('pricingDimensions', itemIndex, []));
	}
	if (metric === 'conversations') {
		lists.dimensions = listOf(context.getNodeParameter('conversationDimensions', itemIndex, []));
	}
	return { wabaId, range: { start, end }, queries: [{ ...base, lists }] };
}

const INSIGHTS_HINT =
	"Template analytics need the WABA's template insights turned on once (POST /{WABA-ID}?is_enabled_for_insights=true; Meta cannot turn them off again), and cover the last 90 days.";

/** Meta pages some answers; a cursor seen twice would loop, so it ends the read. */
const MAX_PAGES_PER_QUERY = 1000;

/** Every data point of one query, following Meta's cursors; the WABA's currency when asked. */
async function readQuery(
	context: Context,
	connection: GraphConnection,
	wabaId: string,
	query: AnalyticsQuery,
	withCurrency: boolean,
): Promise<{ points: IDataObject[]; currency: string | null }> {
	const points: IDataObject[] = [];
	let currency: string | null = null;
	let after: string | undefined;
	const seen = new Set<string>();
	for (let page = 0; page < MAX_PAGES_PER_QUERY; page++) {
		const field = analyticsField(query, after);
		const answer = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(wabaId),
			qs: { fields: withCurrency && page === 0 ? `currency,${field}` : field },
			refusalHint: query.metric === 'templates' ? INSIGHTS_HINT : undefined,
		});
		if (typeof answer.currency === 'string') currency = answer.currency;
		const read = readAnalyticsPage(answer, query.metric);
		points.push(...read.points);
		if (read.after === undefined || seen.has(read.after)) break;
		seen.add(read.after);
		after = read.after;
	}
	return { points, currency };
}

/**
 * Get Analytics: one output item per data point, flat for a sheet, or one item saying the
 * range holds no data. Template IDs beyond Meta's 10 a request are asked in several requests.
 */
export const getAnalytics: Operation<Prepared> = {
	description,
	prepare,
	async run(context, connection, { wabaId, range, queries }) {
		const metric = queries[0].metric;
		const rule = METRICS[metric];
		const rows: IDataObject[] = [];
		let currency: string | null = null;
		for (const [index, query] of queries.entries()) {
			const read = await readQuery(context, connection, wabaId, query, rule.cost && index === 0);
			currency = read.currency ?? currency;
			// Templates: Meta's whole day on which End falls stays out (see wholeDays).
			rows.push(
				...(metric === 'templates'
					? read.points.filter((point) => insideRange(point, range.start, range.end))
					: read.points),
			);
		}
		const { granularity } = queries[0];
		const { start, end } = range;
		if (rows.length === 0) {
			return [
				{
					waba_id: wabaId,
					start: new Date(start * 1000).toISOString(),
					end: new Date(end * 1000).toISOString(),
					no_data: true,
					message: `Meta has no ${rule.label.toLowerCase()} data for this WABA in this range.`,
					metric,
					granularity,
				},
			];
		}
		return rows
			.map((point) => toRow(point, { wabaId, metric, granularity, currency }))
			.sort((a, b) => String(a.start).localeCompare(String(b.start)));
	},
};
