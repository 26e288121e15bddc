// A WABA's analytics fields (Meta's "Analytics" page): pricing_analytics, analytics,
// conversation_analytics and template_analytics, asked as field expressions on GET /{WABA-ID}.
// The data is made up but deterministic: every figure is a sum of "atoms" (one per half hour,
// number, country and category; per day and template for templates) that tests can sum too.
import { graphError } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, SimulatorState, Waba } from '../types';
import { wabaView } from './subscribedApps';

const HALF_HOUR = 1800;
const DAY = 86_400;
/** Data points per answer before Meta's cursor paging (pricing, conversations, templates). */
export const POINTS_PER_PAGE = 250;

export const COUNTRIES = ['US', 'BR', 'IN'];
export const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE'];
/** Per-message rates in USD by country and category (made up, in the shape of Meta's). */
export const RATES: Record<string, Record<string, number>> = {
	US: { MARKETING: 0.025, UTILITY: 0.004, AUTHENTICATION: 0.0135, SERVICE: 0 },
	BR: { MARKETING: 0.0625, UTILITY: 0.008, AUTHENTICATION: 0.0315, SERVICE: 0 },
	IN: { MARKETING: 0.0107, UTILITY: 0.0014, AUTHENTICATION: 0.0014, SERVICE: 0 },
};
const TIER = '0:250000';

interface MetricSpec {
	granularities: string[];
	lookbackDays: number;
}
const METRICS: Record<string, MetricSpec> = {
	pricing_analytics: { granularities: ['HALF_HOUR', 'DAILY', 'MONTHLY'], lookbackDays: 366 },
	analytics: { granularities: ['HALF_HOUR', 'DAY', 'MONTH'], lookbackDays: 366 },
	conversation_analytics: { granularities: ['HALF_HOUR', 'DAILY', 'MONTHLY'], lookbackDays: 366 },
	template_analytics: { granularities: ['DAILY'], lookbackDays: 91 },
};

/** A small deterministic hash of the parts: the same inputs, the same figure, every run. */
function hash(...parts: Array<string | number>): number {
	let h = 2166136261;
	for (const char of parts.join('|')) {
		h ^= char.charCodeAt(0);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}

/** One half hour of one number, country and category: messages delivered and their cost. */
export interface Atom {
	slot: number;
	phone: string;
	country: string;
	category: string;
	volume: number;
	cost: number;
}

/** The numbers a WABA's figures are about: its phone numbers' digits (one made up if none). */
export function wabaPhones(state: SimulatorState, wabaId: string): string[] {
	const phones = [...state.phoneNumbers.values()]
		.filter((p) => p.wabaId === wabaId)
		.map((p) => `${p.cc}${p.national}`);
	return phones.length > 0 ? phones : [`1555${wabaId.slice(-7)}`];
}

/** Every atom of a WABA in [start, end) (Unix seconds): the data every metric sums. */
export function atoms(phones: string[], wabaId: string, start: number, end: number): Atom[] {
	const out: Atom[] = [];
	for (let slot = Math.ceil(start / HALF_HOUR) * HALF_HOUR; slot < end; slot += HALF_HOUR) {
		for (const phone of phones) {
			for (const country of COUNTRIES) {
				for (const category of CATEGORIES) {
					const volume = hash(wabaId, slot, phone, country, category) % 4;
					if (volume === 0) continue;
					out.push({
						slot,
						phone,
						country,
						category,
						volume,
						cost: volume * RATES[country][category],
					});
				}
			}
		}
	}
	return out;
}

/**
 * A template's figures of one day, in the shape Meta's data points have. `clicks` are the URL
 * and quick-reply clicks; the unique URL clicks are a subset of the URL clicks, as Meta counts.
 */
export function templateDay(wabaId: string, templateId: string, day: number) {
	const sent = hash(wabaId, templateId, day) % 40;
	const delivered = Math.max(0, sent - (hash(templateId, day) % 3));
	const read = Math.floor(delivered * 0.6);
	const urlClicks = Math.floor(read / 4);
	const quickReplyClicks = Math.floor(read / 6);
	const uniqueUrlClicks = Math.floor(urlClicks * 0.7);
	return {
		sent,
		delivered,
		read,
		clicks: urlClicks + quickReplyClicks,
		urlClicks,
		quickReplyClicks,
		uniqueUrlClicks,
		cost: Math.round(delivered * 0.025 * 1e6) / 1e6,
	};
}

/** The period a time falls in, at a granularity: half hour, UTC day or UTC month. */
function bucket(at: number, granularity: string): { start: number; end: number } {
	if (granularity === 'HALF_HOUR') return { start: at, end: at + HALF_HOUR };
	if (granularity === 'DAY' || granularity === 'DAILY') {
		const start = Math.floor(at / DAY) * DAY;
		return { start, end: start + DAY };
	}
	const date = new Date(at * 1000);
	const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 1000;
	const end = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 1000;
	return { start, end };
}

/** Splits `a,b(c,d),e` at the commas outside parentheses and brackets. */
function splitTop(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let current = '';
	for (const char of text) {
		if (char === '(' || char === '[') depth++;
		if (char === ')' || char === ']') depth--;
		if (char === ',' && depth === 0) {
			parts.push(current);
			current = '';
		} else current += char;
	}
	if (current !== '') parts.push(current);
	return parts.map((p) => p.trim());
}

/** `name.start(1).dimensions(["A","B"])` -> name and its modifiers' values as lists. */
function parseExpression(expression: string): { name: string; args: Record<string, string[]> } {
	const [name] = expression.split('.', 1);
	const args: Record<string, string[]> = {};
	for (const match of expression.slice(name.length).matchAll(/\.(\w+)\(([^()]*)\)/g)) {
		args[match[1]] = match[2]
			.replace(/^\[|\]$/g, '')
			.split(',')
			.map((v) => v.trim().replace(/^["']|["']$/g, ''))
			.filter((v) => v !== '');
	}
	return { name, args };
}

const bad = (message: string) => graphError(400, 100, `(#100) ${message}`);

function one(args: Record<string, string[]>, name: string): string | undefined {
	return args[name]?.[0];
}

/** Adds `values` to the point of `key`, creating it from `dims` with zero figures. */
function addTo(
	points: Map<string, Record<string, unknown>>,
	key: string,
	base: Record<string, unknown>,
	values: Record<string, number>,
) {
	const point = points.get(key) ?? { ...base };
	for (const [name, value] of Object.entries(values)) {
		point[name] = Math.round(((point[name] as number | undefined) ?? 0) * 1e6 + value * 1e6) / 1e6;
	}
	points.set(key, point);
}

const DIMENSION_KEYS: Record<string, string> = {
	COUNTRY: 'country',
	PHONE: 'phone_number',
	PRICING_CATEGORY: 'pricing_category',
	PRICING_TYPE: 'pricing_type',
	TIER: 'tier',
	CONVERSATION_CATEGORY: 'conversation_category',
	CONVERSATION_DIRECTION: 'conversation_direction',
	CONVERSATION_TYPE: 'conversation_type',
};

function dimensionValues(atom: Atom): Record<string, string> {
	return {
		COUNTRY: atom.country,
		PHONE: atom.phone,
		PRICING_CATEGORY: atom.category,
		PRICING_TYPE: atom.category === 'SERVICE' ? 'FREE_CUSTOMER_SERVICE' : 'REGULAR',
		TIER: TIER,
		CONVERSATION_CATEGORY: atom.category,
		CONVERSATION_DIRECTION: atom.category === 'SERVICE' ? 'USER_INITIATED' : 'BUSINESS_INITIATED',
		CONVERSATION_TYPE: 'REGULAR',
	};
}

/** The data points of one metric expression, before paging. */
function dataPoints(
	state: SimulatorState,
	waba: Waba,
	field: string,
	args: Record<string, string[]>,
	start: number,
	end: number,
	granularity: string,
): Array<Record<string, unknown>> {
	const points = new Map<string, Record<string, unknown>>();
	if (field === 'template_analytics') {
		// Meta counts the whole day on which `end` falls (its "Template analytics" example's range
		// ends mid-day and answers that day); the other metrics stop at `end`.
		const lastDay = Math.floor(end / DAY) * DAY;
		for (const templateId of args.template_ids ?? []) {
			for (let day = Math.ceil(start / DAY) * DAY; day <= lastDay; day += DAY) {
				const t = templateDay(waba.id, templateId, day);
				if (t.sent === 0) continue;
				points.set(`${templateId}:${day}`, {
					template_id: templateId,
					start: day,
					end: day + DAY,
					sent: t.sent,
					delivered: t.delivered,
					read: t.read,
					clicked: [
						{ type: 'url_button', button_content: 'Shop now', count: t.urlClicks },
						{ type: 'quick_reply_button', button_content: 'Stop', count: t.quickReplyClicks },
						{ type: 'unique_url_button', button_content: 'Shop now', count: t.uniqueUrlClicks },
					],
					cost: [
						{ type: 'amount_spent', value: t.cost },
						{ type: 'cost_per_delivered', value: t.delivered > 0 ? 0.025 : 0 },
					],
				});
			}
		}
		return [...points.values()];
	}
	const phones = new Set(args.phone_numbers ?? []);
	const countries = new Set(args.country_codes ?? []);
	const categories = new Set(args.pricing_categories ?? []);
	const types = new Set(args.pricing_types ?? []);
	const dimensions = args.dimensions ?? [];
	for (const atom of atoms(wabaPhones(state, waba.id), waba.id, start, end)) {
		const values = dimensionValues(atom);
		if (phones.size > 0 && !phones.has(atom.phone)) continue;
		if (countries.size > 0 && !countries.has(atom.country)) continue;
		if (categories.size > 0 && !categories.has(values.PRICING_CATEGORY)) continue;
		if (types.size > 0 && !types.has(values.PRICING_TYPE)) continue;
		const period = bucket(atom.slot, granularity);
		const dims = Object.fromEntries(dimensions.map((d) => [DIMENSION_KEYS[d], values[d]]));
		const key = `${period.start}:${JSON.stringify(dims)}`;
		const base = { start: period.start, end: period.end, ...dims };
		if (field === 'analytics') {
			const delivered = atom.volume - (hash(atom.slot, atom.phone, atom.country) % 5 === 0 ? 1 : 0);
			addTo(points, key, base, { sent: atom.volume, delivered });
		} else if (field === 'pricing_analytics') {
			addTo(points, key, base, { volume: atom.volume, cost: atom.cost });
		} else {
			// One conversation per active half hour of a number, country and category.
			addTo(points, key, base, { conversation: 1, cost: RATES[atom.country][atom.category] });
		}
	}
	return [...points.values()].sort((a, b) => (a.start as number) - (b.start as number));
}

/** One metric expression's answer, checked as Meta checks it, with cursor paging. */
function answerMetric(
	state: SimulatorState,
	waba: Waba,
	expression: string,
): [string, Record<string, unknown>] {
	const { name, args } = parseExpression(expression);
	const spec = METRICS[name];
	const start = Number(one(args, 'start'));
	const end = Number(one(args, 'end'));
	const granularity = one(args, 'granularity') ?? '';
	if (!Number.isInteger(start) || !Number.isInteger(end)) {
		throw bad('Param start and end must be Unix timestamps');
	}
	if (end <= start) throw bad('Param end must be after start');
	if (start < state.now() / 1000 - spec.lookbackDays * DAY) {
		throw bad(
			`Param start is too far in the past: ${name} goes back ${spec.lookbackDays - 1} days`,
		);
	}
	if (!spec.granularities.includes(granularity)) {
		throw bad(`Param granularity must be one of {${spec.granularities.join(', ')}}`);
	}
	if (name === 'template_analytics') {
		const ids = args.template_ids ?? [];
		if (ids.length === 0 || ids.length > 10) {
			throw bad('Param template_ids must be an array of 1 to 10 template IDs');
		}
		if (waba.insightsEnabled === false) {
			throw graphError(
				400,
				100,
				'(#100) Template analytics are not enabled for this WhatsApp Business Account',
			);
		}
	}
	const all = dataPoints(state, waba, name, args, start, end, granularity);
	if (name === 'analytics') {
		return [
			name,
			{
				phone_numbers: args.phone_numbers ?? [],
				country_codes: args.country_codes ?? [],
				granularity,
				data_points: all,
			},
		];
	}
	const offset = Number(Buffer.from(one(args, 'after') ?? '', 'base64url').toString() || 0);
	const pageOf = all.slice(offset, offset + POINTS_PER_PAGE);
	const next = offset + pageOf.length;
	const cursor = (n: number) => Buffer.from(String(n)).toString('base64url');
	const paging: Record<string, unknown> = {
		cursors: { before: cursor(offset), after: cursor(next) },
	};
	if (next < all.length) paging.next = `${state.baseUrl}/${waba.id}/${name}?after=${cursor(next)}`;
	return [name, { data: [{ granularity, data_points: pageOf }], paging }];
}

/** GET /{WABA-ID}?fields=… with analytics expressions (and plain fields such as currency). */
export function routeWabaAnalytics(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url } = route;
	const waba = state.wabas.get(target);
	const fields = url.searchParams.get('fields');
	if (!waba || edge || method !== 'GET' || !fields) return NOT_MINE;
	const parts = splitTop(fields);
	const metrics = parts.filter((p) => parseExpression(p).name in METRICS && p.includes('.'));
	if (metrics.length === 0) return NOT_MINE;
	const plain = parts.filter((p) => !metrics.includes(p)).join(',') || 'id';
	return {
		...wabaView(waba, plain),
		...Object.fromEntries(metrics.map((m) => answerMetric(state, waba, m))),
	};
}
