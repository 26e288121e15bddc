/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Analytics and health in n8n's engine against the simulator (issue 26): Get Analytics for each
// metric, its sums per dimension equal to the simulator's own data, 25 template IDs over three
// requests, paging, Meta's rules checked before any request; Get Health Status of a WABA and a
// number; Health Status Changed in the trigger. Every input item comes out once.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	atoms,
	GraphApiSimulator,
	POINTS_PER_PAGE,
	SIMULATOR_WABA_ID,
	templateDay,
	wabaPhones,
} from '../../simulator/GraphApiSimulator';
import { runEachRow, triggerPoller } from '../helpers/engine';

const TOKEN = 'EAAAnalyticsSecretTokenR7t2';
const BUSINESS = '1234567890123456';
const CLIENT_WABA = '2000000000000002';
const QUIET_WABA = '2000000000000003';
const PHONE_A = '1906385232743451';
const PHONE_B = '1906385232743452';
const DAY = 86_400;
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS],
		wabas: [
			{ id: SIMULATOR_WABA_ID, businessId: BUSINESS, name: 'Partner WABA' },
			{ id: CLIENT_WABA, businessId: BUSINESS, name: "Jasper's Market", client: true },
			{ id: QUIET_WABA, businessId: BUSINESS, name: 'Quiet', insightsEnabled: false },
		],
	});
	await simulator.start();
	simulator.seedConnectedPhoneNumber(PHONE_A, '6315551000', { wabaId: CLIENT_WABA });
	simulator.seedConnectedPhoneNumber(PHONE_B, '6315551001', { wabaId: CLIENT_WABA });
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });
const credentials = () => ({ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl });

/** Runs one operation over `rows` with errors on the error output; checks items in = items out. */
async function run(operation: string, parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: {
			resource: 'whatsAppBusinessAccount',
			operation,
			options: { maxAttempts: 1 },
			...parameters,
		},
		rows,
		credentials: credentials(),
		secrets: [TOKEN],
	});
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

/** Last month in UTC: the partner's billing period. */
function lastMonth(): { start: number; end: number } {
	const now = new Date();
	const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
	const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) / 1000;
	return { start, end };
}
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Sums `figure` of the rows per value of `key`. */
function sumBy(rows: IDataObject[], key: string, figure: string): Record<string, number> {
	const sums: Record<string, number> = {};
	for (const row of rows) {
		const k = String(row[key]);
		sums[k] = (sums[k] ?? 0) + Number(row[figure] ?? 0);
	}
	return sums;
}
const rounded = (sums: Record<string, number>) =>
	Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4]));

const json = (items: INodeExecutionData[]) => items.map((i) => i.json);

describe('Get Analytics', () => {
	test('Pricing, last month, monthly by pricing category: each sum equals the simulator data; cost in the WABA currency', async () => {
		const { start, end } = lastMonth();
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'pricing',
			start: iso(start),
			end: iso(end),
			granularity: 'monthly',
			pricingDimensions: ['PRICING_CATEGORY'],
		});
		const data = atoms(wabaPhones(simulator, CLIENT_WABA), CLIENT_WABA, start, end).map((a) => ({
			...a,
			pricing_category: a.category,
		}));
		const rows = json(success);
		expect(rows).toHaveLength(4);
		expect(rows[0]).toMatchObject({
			waba_id: CLIENT_WABA,
			metric: 'pricing',
			granularity: 'MONTHLY',
			start: iso(start),
			end: iso(end),
			currency: 'USD',
		});
		expect(rounded(sumBy(rows, 'pricing_category', 'volume'))).toEqual(
			rounded(sumBy(data, 'pricing_category', 'volume')),
		);
		expect(rounded(sumBy(rows, 'pricing_category', 'cost'))).toEqual(
			rounded(sumBy(data, 'pricing_category', 'cost')),
		);
		// One request: the currency and the field expression together, in Unix seconds.
		const calls = graphCalls();
		expect(calls).toHaveLength(1);
		expect(decodeURIComponent(calls[0].query)).toContain(
			`currency,pricing_analytics.start(${start}).end(${end}).granularity(MONTHLY).dimensions(["PRICING_CATEGORY"])`,
		);
	});

	test('Pricing daily by every dimension: one point per combination, sums per number equal the simulator data', async () => {
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const start = end - 10 * DAY;
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			start: iso(start),
			end: iso(end),
			pricingDimensions: ['COUNTRY', 'PHONE', 'PRICING_CATEGORY', 'PRICING_TYPE', 'TIER'],
		});
		const data = atoms(wabaPhones(simulator, CLIENT_WABA), CLIENT_WABA, start, end);
		const rows = json(success);
		// 10 days x 2 numbers x 3 countries x 4 categories.
		expect(rows).toHaveLength(240);
		expect(graphCalls().length).toBe(Math.ceil(240 / POINTS_PER_PAGE));
		const total = (list: IDataObject[], key: string) =>
			Math.round(list.reduce((s, r) => s + Number(r[key]), 0) * 1e4) / 1e4;
		expect(total(rows, 'volume')).toBe(total(data as unknown as IDataObject[], 'volume'));
		expect(total(rows, 'cost')).toBe(total(data as unknown as IDataObject[], 'cost'));
		expect(rounded(sumBy(rows, 'phone_number', 'volume'))).toEqual(
			rounded(
				sumBy(
					data.map((a) => ({ ...a, phone_number: a.phone })),
					'phone_number',
					'volume',
				),
			),
		);
		expect(rows[0]).toEqual(
			expect.objectContaining({
				country: expect.any(String),
				phone_number: expect.stringMatching(/^1631555100[01]$/),
				pricing_type: expect.stringMatching(/^(REGULAR|FREE_CUSTOMER_SERVICE)$/),
				tier: expect.any(String),
			}),
		);
	});

	test('Pricing with more points than one page: 3 pages followed, none lost, none repeated', async () => {
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const start = end - 25 * DAY;
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			start: iso(start),
			end: iso(end),
			pricingDimensions: ['COUNTRY', 'PHONE', 'PRICING_CATEGORY'],
		});
		// 25 days x 2 x 3 x 4 = 600 points over 3 pages of 250.
		expect(success).toHaveLength(600);
		expect(graphCalls()).toHaveLength(3);
		const keys = new Set(
			json(success).map((r) => [r.start, r.country, r.phone_number, r.pricing_category].join()),
		);
		expect(keys.size).toBe(600);
	});

	test('Messages: sent per day equals the simulator data; filters by the numbers as the user writes them', async () => {
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const start = end - 3 * DAY;
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'messages',
			start: iso(start),
			end: iso(end),
			granularity: 'daily',
			filters: { phoneNumbers: '+1 (631) 555-1000', countries: ['US', 'BR'] },
		});
		const data = atoms(['16315551000'], CLIENT_WABA, start, end).filter(
			(a) => a.country === 'US' || a.country === 'BR',
		);
		const rows = json(success);
		expect(rows).toHaveLength(3);
		expect(rows.map((r) => r.granularity)).toEqual(['DAY', 'DAY', 'DAY']);
		const perDay = (list: Array<{ slot: number; volume: number }>) =>
			list.reduce<Record<string, number>>((sums, a) => {
				const day = iso(Math.floor(a.slot / DAY) * DAY);
				sums[day] = (sums[day] ?? 0) + a.volume;
				return sums;
			}, {});
		expect(sumBy(rows, 'start', 'sent')).toEqual(perDay(data));
		for (const row of rows) expect(Number(row.delivered)).toBeLessThanOrEqual(Number(row.sent));
		expect(rows[0]).not.toHaveProperty('cost');
		const query = decodeURIComponent(graphCalls()[0].query);
		expect(query).toContain('.phone_numbers(["16315551000"]).country_codes(["US","BR"])');
		expect(query).not.toContain('currency');
	});

	test('Conversations (legacy) by category: counts and cost equal the simulator data', async () => {
		const { start, end } = lastMonth();
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'conversations',
			start: iso(start),
			end: iso(end),
			granularity: 'monthly',
			conversationDimensions: ['CONVERSATION_CATEGORY'],
		});
		const data = atoms(wabaPhones(simulator, CLIENT_WABA), CLIENT_WABA, start, end).map((a) => ({
			conversation_category: a.category,
			conversation: 1,
			cost: a.cost / a.volume,
		}));
		const rows = json(success);
		expect(rounded(sumBy(rows, 'conversation_category', 'conversation'))).toEqual(
			rounded(sumBy(data, 'conversation_category', 'conversation')),
		);
		expect(rounded(sumBy(rows, 'conversation_category', 'cost'))).toEqual(
			rounded(sumBy(data, 'conversation_category', 'cost')),
		);
	});

	test('Templates: 25 template IDs take 3 requests (10, 10, 5), merged; sums per template equal the simulator data', async () => {
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const start = end - 7 * DAY;
		const ids = Array.from({ length: 25 }, (_, i) => String(7000000000000000 + i));
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'templates',
			start: iso(start),
			end: iso(end),
			templateIds: ids.join(', '),
		});
		const calls = graphCalls().map((c) => decodeURIComponent(c.query));
		expect(calls).toHaveLength(3);
		expect(
			calls.map((q) => (/template_ids\(\[([^\]]*)\]\)/.exec(q)?.[1] ?? '').split(',').length),
		).toEqual([10, 10, 5]);
		const rows = json(success);
		for (const id of ids) {
			const days = Array.from({ length: 7 }, (_, d) =>
				templateDay(CLIENT_WABA, id, start + d * DAY),
			);
			const mine = rows.filter((r) => r.template_id === id);
			expect(mine.reduce((s, r) => s + Number(r.sent), 0)).toBe(
				days.reduce((s, d) => s + d.sent, 0),
			);
			expect(mine.reduce((s, r) => s + Number(r.clicked), 0)).toBe(
				days.reduce((s, d) => s + d.clicks, 0),
			);
			const cost = mine.reduce((s, r) => s + Number(r.cost), 0);
			expect(cost).toBeCloseTo(
				days.reduce((s, d) => s + d.cost, 0),
				6,
			);
		}
		expect(rows[0]).toMatchObject({ currency: 'USD', granularity: 'DAILY' });
		expect(rows[0]).toHaveProperty('cost_per_delivered');
	});

	test('Start and End from Luxon expressions ($now) are read as n8n gives them, in Unix seconds', async () => {
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			start: "={{ $now.toUTC().minus({ days: 2 }).startOf('day') }}",
			end: "={{ $now.toUTC().startOf('day') }}",
		});
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		expect(json(success).map((r) => r.start)).toEqual([iso(end - 2 * DAY), iso(end - DAY)]);
		expect(decodeURIComponent(graphCalls()[0].query)).toContain(
			`.start(${end - 2 * DAY}).end(${end}).granularity(DAILY)`,
		);
	});

	test("Meta's rules are checked before any request, each message saying what to change; every item comes out once", async () => {
		const now = Math.floor(Date.now() / 1000);
		const fine = { metric: 'pricing', start: iso(now - DAY), end: iso(now), granularity: 'daily' };
		const rows = [
			{ metric: 'pricing', start: iso(now - DAY), end: iso(now - 2 * DAY), granularity: 'daily' },
			{ metric: 'pricing', start: iso(now - 400 * DAY), end: iso(now), granularity: 'monthly' },
			{ metric: 'templates', start: iso(now - 100 * DAY), end: iso(now), granularity: 'daily' },
			{ metric: 'templates', start: iso(now - 5 * DAY), end: iso(now), granularity: 'monthly' },
			{ metric: 'pricing', start: 'last tuesday', end: iso(now), granularity: 'daily' },
			{ ...fine, phones: '+1 555-CALL-NOW' },
			{ ...fine, countries: 'USA' },
			{ ...fine, metric: 'costs' },
		];
		const { success, failure } = await run(
			'getAnalytics',
			{
				wabaId: locator(CLIENT_WABA),
				metric: '={{ $json.metric }}',
				start: '={{ $json.start }}',
				end: '={{ $json.end }}',
				granularity: '={{ $json.granularity }}',
				templateIds: '7000000000000001',
				filters: {
					phoneNumbers: '={{ $json.phones ?? "" }}',
					countries: '={{ $json.countries ?? "" }}',
				},
			},
			rows,
		);
		expect(success).toHaveLength(0);
		expect(graphCalls()).toHaveLength(0);
		const messages = failure.map((i) => String(i.json.error));
		expect(messages[0]).toMatch(/End .* is not after Start .*: set End to a later time than Start/);
		expect(messages[1]).toMatch(
			/beyond Meta's lookback: Pricing analytics go back 1 year\. Set Start to .* or later/,
		);
		expect(messages[2]).toMatch(/Templates analytics go back 90 days/);
		expect(messages[3]).toBe('Templates analytics do not come Monthly: set Granularity to Daily.');
		expect(messages[4]).toMatch(/Start "last tuesday" is not a date/);
		expect(messages[5]).toMatch(/^Phone Numbers filter: /);
		expect(messages[6]).toBe(
			'Country "USA" in the Countries filter is not valid: use a two-letter ISO code such as US or BR.',
		);
		expect(messages[7]).toMatch(/Metric "costs" is not known: use pricing, messages/);
	});

	test('a range without data gives one item saying so; insights off gives a clear error; nothing lost', async () => {
		const end = Math.floor(Date.now() / 1000 / DAY) * DAY;
		const rows = [
			{ waba: CLIENT_WABA, metric: 'pricing', phones: '+44 20 7946 0000' },
			{ waba: QUIET_WABA, metric: 'templates', phones: '' },
			{ waba: CLIENT_WABA, metric: 'pricing', phones: '' },
		];
		const { success, failure } = await run(
			'getAnalytics',
			{
				wabaId: { __rl: true, mode: 'id', value: '={{ $json.waba }}' },
				metric: '={{ $json.metric }}',
				start: iso(end - DAY),
				end: iso(end),
				templateIds: '7000000000000001',
				filters: { phoneNumbers: '={{ $json.phones }}' },
			},
			rows,
		);
		const byItem = (index: number) =>
			success.filter((i) => (i.pairedItem as { item: number }).item === index).map((i) => i.json);
		expect(byItem(0)).toEqual([
			expect.objectContaining({ waba_id: CLIENT_WABA, no_data: true, start: iso(end - DAY) }),
		]);
		expect(byItem(2).length).toBe(1);
		expect(byItem(2)[0]).toMatchObject({ volume: expect.any(Number), cost: expect.any(Number) });
		expect(failure).toHaveLength(1);
		expect((failure[0].pairedItem as { item: number }).item).toBe(1);
		expect(String(failure[0].json.error)).toContain('is_enabled_for_insights=true');
	});
});

describe("Get Analytics: where Meta's current pages disagreed with the node (issue 33)", () => {
	const midnight = () => Math.floor(Date.now() / 1000 / DAY) * DAY;

	test('Templates: clicked is the URL and quick-reply clicks; each button type has its own field; unique URL clicks (a subset of URL clicks) are not added', async () => {
		const day = midnight() - 2 * DAY;
		// Meta's answer in the shape of its "Template analytics" page: 10 URL, 10 quick-reply and
		// 7 unique URL clicks are 20 clicks, not 27.
		simulator.script.push({
			body: JSON.stringify({
				currency: 'USD',
				template_analytics: {
					data: [
						{
							granularity: 'DAILY',
							data_points: [
								{
									template_id: '7000000000000001',
									start: day,
									end: day + DAY,
									sent: 40,
									delivered: 38,
									read: 30,
									clicked: [
										{ type: 'url_button', button_content: 'Shop now', count: 10 },
										{ type: 'quick_reply_button', button_content: 'Stop', count: 10 },
										{ type: 'unique_url_button', button_content: 'Shop now', count: 7 },
									],
									cost: [{ type: 'amount_spent', value: 0.95 }],
								},
							],
						},
					],
					paging: { cursors: { before: 'MA', after: 'MQ' } },
				},
			}),
		});
		const scripted = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'templates',
			start: iso(day),
			end: iso(day + DAY),
			templateIds: '7000000000000001',
		});
		expect(json(scripted.success)).toEqual([
			expect.objectContaining({
				clicked: 20,
				url_button_clicks: 10,
				quick_reply_button_clicks: 10,
				unique_url_button_clicks: 7,
			}),
		]);

		// Over a week of the simulator's data: the same rule on every row, the sums its own.
		const end = midnight();
		const start = end - 7 * DAY;
		const { success } = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'templates',
			start: iso(start),
			end: iso(end),
			templateIds: '7000000000000002',
		});
		const rows = json(success);
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(row.clicked).toBe(
				Number(row.url_button_clicks) + Number(row.quick_reply_button_clicks),
			);
			expect(Number(row.unique_url_button_clicks)).toBeLessThanOrEqual(
				Number(row.url_button_clicks),
			);
		}
		const days = Array.from({ length: 7 }, (_, d) =>
			templateDay(CLIENT_WABA, '7000000000000002', start + d * DAY),
		);
		const total = (key: string) => rows.reduce((sum, row) => sum + Number(row[key]), 0);
		expect(total('url_button_clicks')).toBe(days.reduce((sum, d) => sum + d.urlClicks, 0));
		expect(total('quick_reply_button_clicks')).toBe(
			days.reduce((sum, d) => sum + d.quickReplyClicks, 0),
		);
		expect(total('unique_url_button_clicks')).toBe(
			days.reduce((sum, d) => sum + d.uniqueUrlClicks, 0),
		);
	});

	test('Countries: a code that is no country (XX from an expression) is refused before any request, naming the code and the rule; the other rows run', async () => {
		const end = midnight();
		const { success, failure } = await run(
			'getAnalytics',
			{
				wabaId: locator(CLIENT_WABA),
				start: iso(end - DAY),
				end: iso(end),
				filters: { countries: '={{ $json.countries }}' },
			},
			[{ countries: 'XX' }, { countries: ['US', 'ZZ'] }, { countries: ['us', 'BR'] }],
		);
		expect(failure.map((i) => String(i.json.error))).toEqual([
			'Country "XX" in the Countries filter is not a country: Meta takes ISO 3166-1 two-letter country codes, such as US, BR or IN (the Countries list holds every one).',
			'Country "ZZ" in the Countries filter is not a country: Meta takes ISO 3166-1 two-letter country codes, such as US, BR or IN (the Countries list holds every one).',
		]);
		expect(failure.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
		const calls = graphCalls().map((c) => decodeURIComponent(c.query));
		expect(calls).toHaveLength(1);
		expect(calls[0]).toContain('.country_codes(["US","BR"])');
		expect(success.map((i) => (i.pairedItem as { item: number }).item)).toEqual([2]);
	});

	test("Templates End: the range means what it means for every metric, from Start up to End; Meta's whole day on which End falls stays out", async () => {
		const d0 = midnight() - 5 * DAY;
		const ask = async (start: number, end: number, metric = 'templates') =>
			json(
				(
					await run('getAnalytics', {
						wabaId: locator(CLIENT_WABA),
						metric,
						start: iso(start),
						end: iso(end),
						templateIds: '7000000000000003',
					})
				).success,
			);
		const days = (rows: IDataObject[]) => [...new Set(rows.map((r) => r.start))].sort();
		const expected = [iso(d0), iso(d0 + DAY), iso(d0 + 2 * DAY)];

		// End at midnight: the three days before it, as pricing gives them.
		const atMidnight = await ask(d0, d0 + 3 * DAY);
		expect(days(atMidnight)).toEqual(expected);
		expect(days(await ask(d0, d0 + 3 * DAY, 'pricing'))).toEqual(expected);
		// End mid-day: the day it falls on is not wholly inside, so it is not reported.
		const midDay = await ask(d0, d0 + 3 * DAY + DAY / 2);
		expect(days(midDay)).toEqual(expected);
		// Start mid-day: the first whole day after it.
		expect(days(await ask(d0 - DAY / 2, d0 + 3 * DAY))).toEqual(expected);
		for (const row of [...atMidnight, ...midDay]) {
			expect(String(row.end) <= iso(d0 + 3 * DAY + DAY / 2)).toBe(true);
		}
		// What Meta was asked: from the first whole day to the last second of the last one.
		const templateQueries = graphCalls()
			.map((c) => decodeURIComponent(c.query))
			.filter((q) => q.includes('template_analytics'));
		expect(templateQueries).toHaveLength(3);
		for (const query of templateQueries) {
			expect(query).toContain(`.start(${d0}).end(${d0 + 3 * DAY - 1}).granularity(DAILY)`);
		}

		// A range that holds no whole day: refused before any request, saying what to set.
		const before = graphCalls().length;
		const none = await run('getAnalytics', {
			wabaId: locator(CLIENT_WABA),
			metric: 'templates',
			start: iso(d0 + DAY / 4),
			end: iso(d0 + DAY / 2),
			templateIds: '7000000000000003',
		});
		expect(String(none.failure[0].json.error)).toMatch(
			/^Templates analytics come in whole UTC days, and .* holds none: set Start to the beginning of a day/,
		);
		expect(graphCalls()).toHaveLength(before);
	});

	test("Phone Numbers filter: the WABA's own numbers as Meta lists them, its test numbers (+1 555 …) among them, go to Meta; what is no number is still refused", async () => {
		const end = midnight();
		const { success, failure } = await run(
			'getAnalytics',
			{
				wabaId: locator(CLIENT_WABA),
				metric: 'messages',
				start: iso(end - DAY),
				end: iso(end),
				filters: { phoneNumbers: '={{ $json.phones }}' },
			},
			[
				{ phones: '+1 (555) 078-3881' },
				{ phones: '15550783881, +1 631 555 1000' },
				{ phones: '+1 555-CALL-NOW' },
				{ phones: '+1 555 07' },
			],
		);
		expect(success.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1]);
		const queries = graphCalls().map((c) => decodeURIComponent(c.query));
		expect(queries[0]).toContain('.phone_numbers(["15550783881"])');
		expect(queries[1]).toContain('.phone_numbers(["15550783881","16315551000"])');
		expect(failure.map((i) => String(i.json.error))).toEqual([
			expect.stringMatching(/^Phone Numbers filter: .*is not a phone number/),
			expect.stringMatching(/^Phone Numbers filter: Phone number "\+1 555 07" is too short/),
		]);
	});
});

describe('Get Health Status', () => {
	test('a number that becomes BLOCKED shows the blocking entity with Meta’s error; the WABA stays AVAILABLE', async () => {
		const before = await run('getHealthStatus', {
			resource: 'phoneNumber',
			phoneNumberId: locator(PHONE_A),
		});
		expect(before.success[0].json).toMatchObject({
			id: PHONE_A,
			can_send_message: 'AVAILABLE',
			phone_number_can_send_message: 'AVAILABLE',
			waba_can_send_message: 'AVAILABLE',
			business_can_send_message: 'AVAILABLE',
			app_can_send_message: 'AVAILABLE',
			problems: [],
			problem_summary: null,
		});
		await fetch(`${simulator.baseUrl}/__simulator/health/${PHONE_A}`, {
			method: 'POST',
			body: JSON.stringify({
				can_send_message: 'BLOCKED',
				errors: [
					{
						error_code: 141000,
						error_description: 'Phone number is restricted for spam.',
						possible_solution: 'Request a review in WhatsApp Manager.',
					},
				],
			}),
		});
		const after = await run('getHealthStatus', {
			resource: 'phoneNumber',
			phoneNumberId: locator(PHONE_A),
		});
		expect(after.success[0].json).toMatchObject({
			can_send_message: 'BLOCKED',
			phone_number_can_send_message: 'BLOCKED',
			waba_can_send_message: 'AVAILABLE',
			problems: [
				{
					entity_type: 'PHONE_NUMBER',
					entity_id: PHONE_A,
					can_send_message: 'BLOCKED',
					error_code: 141000,
					error_description: 'Phone number is restricted for spam.',
					possible_solution: 'Request a review in WhatsApp Manager.',
				},
			],
			problem_summary: `PHONE_NUMBER ${PHONE_A} BLOCKED: Phone number is restricted for spam. (Request a review in WhatsApp Manager.)`,
		});
		const waba = await run('getHealthStatus', { wabaId: locator(CLIENT_WABA) });
		expect(waba.success[0].json).toMatchObject({ can_send_message: 'AVAILABLE' });
		expect(waba.success[0].json).not.toHaveProperty('phone_number_can_send_message');
	});

	test('a LIMITED WABA: the overall status, with Meta’s note as the reason', async () => {
		simulator.health.set(CLIENT_WABA, {
			can_send_message: 'LIMITED',
			additional_info: ['Your WhatsApp Business Account has a messaging limit of 250.'],
		});
		const { success } = await run('getHealthStatus', { wabaId: locator(CLIENT_WABA) });
		expect(success[0].json).toMatchObject({
			can_send_message: 'LIMITED',
			waba_can_send_message: 'LIMITED',
			problems: [
				expect.objectContaining({
					entity_type: 'WABA',
					error_description: 'Your WhatsApp Business Account has a messaging limit of 250.',
				}),
			],
		});
	});
});

describe('Health Status Changed (trigger)', () => {
	test('baseline first, then one event when a number becomes BLOCKED, none on a quiet poll; an entity change fires too', async () => {
		const poller = triggerPoller(
			{
				watch: 'phoneNumbers',
				wabaId: CLIENT_WABA,
				phoneNumberEvents: ['healthStatusChanged', 'statusChanged'],
			},
			credentials(),
		);
		expect(await poller.poll()).toBeNull();
		expect(await poller.poll()).toBeNull();
		simulator.health.set(PHONE_A, { can_send_message: 'BLOCKED' });
		const items = await poller.poll();
		expect(items?.map((i) => [i.json.event, i.json.id, i.json.previous, i.json.current])).toEqual([
			['healthStatusChanged', PHONE_A, 'AVAILABLE', 'BLOCKED'],
		]);
		expect(items?.[0].json).toMatchObject({
			waba_id: CLIENT_WABA,
			phone_number_can_send_message: 'BLOCKED',
			problems: [
				expect.objectContaining({
					entity_type: 'PHONE_NUMBER',
					error_code: 141000,
					error_description: expect.stringContaining('restricted'),
				}),
			],
		});
		expect(await poller.poll()).toBeNull();
		// The WABA becomes LIMITED: both numbers' chains change, one event each.
		simulator.health.set(CLIENT_WABA, { can_send_message: 'LIMITED' });
		const limited = await poller.poll();
		expect(limited?.map((i) => [i.json.id, i.json.previous, i.json.current])).toEqual([
			[PHONE_A, 'BLOCKED', 'BLOCKED'],
			[PHONE_B, 'AVAILABLE', 'LIMITED'],
		]);
		expect(await poller.poll()).toBeNull();
	});

	test('ticked on a running trigger: the first health read is a baseline, not a change; health is asked only when ticked', async () => {
		const poller = triggerPoller(
			{ watch: 'phoneNumbers', wabaId: CLIENT_WABA, phoneNumberEvents: ['statusChanged'] },
			credentials(),
		);
		expect(await poller.poll()).toBeNull();
		expect(decodeURIComponent(graphCalls()[0].query)).not.toContain('health_status');
		simulator.health.set(PHONE_A, { can_send_message: 'BLOCKED' });
		poller.setParameters({ phoneNumberEvents: ['statusChanged', 'healthStatusChanged'] });
		expect(await poller.poll()).toBeNull();
		expect(decodeURIComponent(graphCalls()[1].query)).toContain('health_status');
		simulator.health.delete(PHONE_A);
		expect((await poller.poll())?.map((i) => [i.json.previous, i.json.current])).toEqual([
			['BLOCKED', 'AVAILABLE'],
		]);
	});
});
