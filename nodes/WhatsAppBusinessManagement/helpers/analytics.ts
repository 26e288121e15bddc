import type { IDataObject } from 'n8n-workflow';

import { InputError } from './errors';
import { parseGraphTime } from './graphTime';
import { quoteInput } from './userInput';

// Meta's analytics fields on a WABA, and their rules, from Meta's "Analytics" page (updated
// 2026-06-11; docs/meta-limits.md has the list and what the contract says).

export type Metric = 'pricing' | 'messages' | 'conversations' | 'templates';
export type Granularity = 'halfHour' | 'daily' | 'monthly';

const DAY_MS = 86_400_000;

interface MetricRule {
	/** The label the node shows, for messages. */
	label: string;
	/** The WABA field that answers it. */
	field: string;
	/** The granularities it takes, as it names them: `analytics` says DAY, the others DAILY. */
	granularity: Partial<Record<Granularity, string>>;
	/** How far back Meta keeps the data, in days: 1 year; templates 90 days. */
	lookbackDays: number;
	/** Whether its figures hold a cost, in the WABA's currency. */
	cost: boolean;
}

export const METRICS: Record<Metric, MetricRule> = {
	pricing: {
		label: 'Pricing',
		field: 'pricing_analytics',
		granularity: { halfHour: 'HALF_HOUR', daily: 'DAILY', monthly: 'MONTHLY' },
		lookbackDays: 365,
		cost: true,
	},
	messages: {
		label: 'Messages',
		field: 'analytics',
		granularity: { halfHour: 'HALF_HOUR', daily: 'DAY', monthly: 'MONTH' },
		lookbackDays: 365,
		cost: false,
	},
	conversations: {
		label: 'Conversations (legacy)',
		field: 'conversation_analytics',
		granularity: { halfHour: 'HALF_HOUR', daily: 'DAILY', monthly: 'MONTHLY' },
		lookbackDays: 365,
		cost: true,
	},
	templates: {
		label: 'Templates',
		field: 'template_analytics',
		granularity: { daily: 'DAILY' },
		lookbackDays: 90,
		cost: true,
	},
};

/** Meta takes at most 10 template IDs in one template_analytics request. */
export const MAX_TEMPLATE_IDS_PER_REQUEST = 10;

const GRANULARITY_LABEL: Record<Granularity, string> = {
	halfHour: 'Half Hour',
	daily: 'Daily',
	monthly: 'Monthly',
};

/** What one Get Analytics item asks: checked, in Meta's terms. */
export interface AnalyticsQuery {
	metric: Metric;
	/** Unix seconds, UTC. */
	start: number;
	end: number;
	/** The granularity as the metric names it. */
	granularity: string;
	/** Meta's filters and dimensions: name -> values, sent as `.name([...])`. */
	lists: Record<string, string[]>;
}

/**
 * A date-time field's value in Unix seconds. n8n gives an ISO string (the date picker's has no
 * offset: read as UTC), a Luxon DateTime from an expression such as `{{ $now }}`, a Date, or a
 * number (Unix seconds or ms).
 */
export function toUnixSeconds(label: string, value: unknown): number {
	let ms: number | null = null;
	if (value instanceof Date) ms = value.getTime();
	else if (typeof value === 'object' && value !== null && 'toMillis' in value) {
		ms = Number((value as { toMillis: () => number }).toMillis());
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		ms = value > 1e11 ? value : value * 1000;
	} else if (typeof value === 'string' && value.trim() !== '') {
		const text = value.trim();
		const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !/T/.test(text) ? text : `${text}Z`;
		ms = parseGraphTime(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00Z` : withZone);
	}
	if (ms === null || !Number.isFinite(ms)) {
		throw new InputError(
			`${label} ${value === '' || value === undefined || value === null ? 'is empty' : `${quoteInput(String(value))} is not a date`}: pick a date, or use an expression such as {{ $now.minus(1, 'month').startOf('month') }}.`,
		);
	}
	return Math.floor(ms / 1000);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Checks one item's range and granularity against the metric's rules, before any request: end
 * after start, start within Meta's lookback, a granularity the metric offers.
 */
export function checkRange(
	metric: Metric,
	start: number,
	end: number,
	granularity: Granularity,
	nowMs: number,
): string {
	const rule = METRICS[metric];
	if (end <= start) {
		throw new InputError(
			`End (${iso(end)}) is not after Start (${iso(start)}): set End to a later time than Start.`,
		);
	}
	const earliest = Math.floor((nowMs - rule.lookbackDays * DAY_MS) / 1000);
	if (start < earliest) {
		throw new InputError(
			`Start (${iso(start)}) is beyond Meta's lookback: ${rule.label} analytics go back ${rule.lookbackDays === 365 ? '1 year' : `${rule.lookbackDays} days`}. Set Start to ${iso(earliest)} or later.`,
		);
	}
	const name = rule.granularity[granularity];
	if (name === undefined) {
		const offered = (Object.keys(rule.granularity) as Granularity[]).map(
			(g) => GRANULARITY_LABEL[g],
		);
		throw new InputError(
			`${rule.label} analytics do not come ${GRANULARITY_LABEL[granularity]}: set Granularity to ${offered.join(' or ')}.`,
		);
	}
	return name;
}

/**
 * The whole UTC days inside [start, end), for template analytics: Meta reports them per day and
 * counts the whole day on which its `end` falls, while every other metric stops at End. The
 * node asks from the first whole day up to the last second of the last whole day, so that a
 * range means the same for every metric: from Start, up to but not including End.
 */
export function wholeDays(start: number, end: number): { start: number; end: number } {
	const day = DAY_MS / 1000;
	const first = Math.ceil(start / day) * day;
	const afterLast = Math.floor(end / day) * day;
	if (afterLast <= first) {
		throw new InputError(
			`Templates analytics come in whole UTC days, and ${iso(start)} to ${iso(end)} holds none: set Start to the beginning of a day and End at least one day later, e.g. {{ $now.toUTC().startOf('day').minus(7, 'days') }} to {{ $now.toUTC().startOf('day') }}.`,
		);
	}
	return { start: first, end: afterLast - 1 };
}

/** Whether a data point lies inside the range asked: its period from Start up to End. */
export function insideRange(point: IDataObject, start: number, end: number): boolean {
	const pointStart = parseGraphTime(point.start);
	const pointEnd = parseGraphTime(point.end);
	if (pointStart === null || pointEnd === null) return true;
	return pointStart >= start * 1000 && pointEnd <= end * 1000;
}

/** Splits template IDs into Meta's requests of at most 10. */
export function templateIdBatches(ids: string[]): string[][] {
	const batches: string[][] = [];
	for (let i = 0; i < ids.length; i += MAX_TEMPLATE_IDS_PER_REQUEST) {
		batches.push(ids.slice(i, i + MAX_TEMPLATE_IDS_PER_REQUEST));
	}
	return batches;
}

/**
 * The field expression for one request, e.g.
 * `pricing_analytics.start(1).end(2).granularity(DAILY).dimensions(["COUNTRY"])`, with
 * `.after(cursor)` for the next page (Graph's field-expansion modifier).
 */
export function analyticsField(query: AnalyticsQuery, after?: string): string {
	const parts = [
		METRICS[query.metric].field,
		`start(${query.start})`,
		`end(${query.end})`,
		`granularity(${query.granularity})`,
	];
	for (const [name, values] of Object.entries(query.lists)) {
		if (values.length > 0) parts.push(`${name}(${JSON.stringify(values)})`);
	}
	if (after !== undefined) parts.push(`after(${after})`);
	return parts.join('.');
}

export interface AnalyticsPage {
	points: IDataObject[];
	/** The cursor of the next page, when Meta says there is one. */
	after?: string;
}

/**
 * The data points of one answer, and the next page's cursor. `analytics` holds them directly;
 * the other metrics as `data: [{ data_points }]` with paging.
 */
export function readAnalyticsPage(answer: IDataObject, metric: Metric): AnalyticsPage {
	const block = answer[METRICS[metric].field] as IDataObject | undefined;
	if (!block || typeof block !== 'object') return { points: [] };
	const groups = Array.isArray(block.data) ? (block.data as IDataObject[]) : [block];
	const points = groups.flatMap((group) =>
		Array.isArray(group.data_points) ? (group.data_points as IDataObject[]) : [],
	);
	const paging = (block.paging ?? {}) as { next?: unknown; cursors?: { after?: unknown } };
	const after = paging.cursors?.after;
	return {
		points,
		after: paging.next && typeof after === 'string' && points.length > 0 ? after : undefined,
	};
}

const number = (value: unknown): number | null => {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/** A template point's `cost` list ([{type, value}]) as flat fields; amount_spent is the cost. */
function templateCosts(cost: unknown): IDataObject {
	const out: IDataObject = { cost: null };
	if (!Array.isArray(cost)) return out;
	for (const entry of cost as IDataObject[]) {
		const type = String(entry.type ?? '');
		if (type === '') continue;
		out[type === 'amount_spent' ? 'cost' : type] = number(entry.value);
	}
	return out;
}

/** The button types Meta's `clicked` list names, each given its own field in every row. */
const CLICK_TYPES = ['url_button', 'quick_reply_button', 'unique_url_button'];

/**
 * A template point's `clicked` list ([{type, button_content, count}]) as fields: one per button
 * type (`url_button_clicks`, …), and `clicked`, the URL and quick-reply clicks. Unique URL clicks
 * are a subset of the URL clicks (Meta's "Template analytics"), so they are not added to it.
 */
function clickFields(clicked: unknown): IDataObject {
	if (typeof clicked === 'number') return { clicked };
	const perType: Record<string, number | null> = {};
	for (const type of CLICK_TYPES) perType[type] = Array.isArray(clicked) ? 0 : null;
	let total: number | null = Array.isArray(clicked) ? 0 : null;
	for (const entry of Array.isArray(clicked) ? (clicked as IDataObject[]) : []) {
		const type = String(entry.type ?? '');
		const count = number(entry.count) ?? 0;
		perType[type] = (perType[type] ?? 0) + count;
		if (!type.startsWith('unique_')) total = (total ?? 0) + count;
	}
	return {
		clicked: total,
		...Object.fromEntries(Object.entries(perType).map(([type, n]) => [`${type}_clicks`, n])),
	};
}

/**
 * One flat row per data point, ready for a sheet: the WABA, the period in ISO (UTC), the
 * dimension values as Meta names them, and the figures; a cost in the WABA's currency (null
 * where Meta gives none, e.g. a WABA on a partner's credit line).
 */
export function toRow(
	point: IDataObject,
	context: { wabaId: string; metric: Metric; granularity: string; currency: string | null },
): IDataObject {
	const { start, end, cost, clicked, ...rest } = point;
	const startMs = parseGraphTime(start);
	const endMs = parseGraphTime(end);
	// Period, dimensions and figures first (what a sheet shows), then what the run asked.
	const row: IDataObject = {
		waba_id: context.wabaId,
		start: startMs === null ? null : new Date(startMs).toISOString(),
		end: endMs === null ? null : new Date(endMs).toISOString(),
		...rest,
	};
	if (context.metric === 'templates') {
		Object.assign(row, clickFields(clicked), templateCosts(cost));
	} else if (METRICS[context.metric].cost) {
		row.cost = number(cost);
	}
	if (METRICS[context.metric].cost) row.currency = context.currency;
	row.metric = context.metric;
	row.granularity = context.granularity;
	return row;
}
