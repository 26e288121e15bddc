/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code: runs in Node.js, never inside n8n */
// The trigger's fleet watch, Every Client WABA of a Business (issue 35), through n8n-core's
// PollContext against the simulator on a fake clock (a poll a minute; the simulator's and the
// trigger's time move together): 500 client WABAs with 3 numbers and 30 templates each, every
// event ticked, the default interval of 30 minutes. Measured: requests per poll, reads per WABA
// per interval and per hour, the static data per WABA, each change reported once and in time,
// a WABA that cannot be read one event (and one when it recovers), a small poll budget.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { triggerPoller } from '../helpers/engine';

const TOKEN = 'EAAFleetTriggerSecretV9m2';
const PARTNER = '1234567890123456';
const MINUTE = 60_000;
const ALL_EVENTS = [
	'statusChanged',
	'qualityChanged',
	'messagingLimitChanged',
	'nameStatusChanged',
	'healthStatusChanged',
	'accountReviewStatusChanged',
	'templateStatusChanged',
	'templateQualityChanged',
	'templateCategoryChanged',
	'clientWabaAdded',
	'clientWabaRemoved',
	'clientWabaUnreadable',
	'clientWabaReadable',
];
const realNow = Date.now;
let simulator: GraphApiSimulator;

const wabaId = (i: number) => String(2000000000010000 + i);
const phoneId = (i: number, n: number) => String(1906385232000000 + i * 10 + n);

/** `count` client WABAs, each with 3 numbers and 30 templates. */
function seedFleet(count: number) {
	for (let i = 0; i < count; i++) {
		const id = wabaId(i);
		simulator.wabas.set(id, { id, businessId: PARTNER, name: `Client ${i}`, client: true });
		for (let n = 0; n < 3; n++) {
			simulator.seedConnectedPhoneNumber(
				phoneId(i, n),
				`63155${String(i * 10 + n).padStart(5, '0')}`,
				{
					wabaId: id,
					whatsapp_business_manager_messaging_limit: 'TIER_2K',
				},
			);
		}
		for (let t = 0; t < 30; t++) simulator.seedMessageTemplate(id, { name: `template_${t}` });
	}
}

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [PARTNER], clock: realNow });
	await simulator.start();
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + simulator.clockOffsetMs);
});

afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.stop();
});

const credentials = () => ({
	accessToken: TOKEN,
	apiVersion: 'v23.0',
	baseUrl: simulator.baseUrl,
	businessId: PARTNER,
});
const fleet = (extra: IDataObject = {}, pollBudgetMs?: number) =>
	triggerPoller(
		{ watch: 'everyClientWaba', fleetEvents: ALL_EVENTS, checkEveryMinutes: 30, ...extra },
		credentials(),
		'trigger',
		pollBudgetMs,
	);

const graph = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));
const json = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => i.json);
/** The WABA a request is about: its own path, or its number's, template's. */
const wabaOf = (path: string) => /\/v23\.0\/(2000000000\d{6})\//.exec(path)?.[1];

test('500 client WABAs: each change once, within an interval and a poll; at most 34 requests a poll; each WABA read once an interval, 4 calls an hour; static data under 2 KB a WABA', async () => {
	seedFleet(500);
	const trigger = fleet();
	const events: Array<IDataObject & { poll: number }> = [];
	const perPoll: number[] = [];
	let poll = 0;
	const run = async (polls: number) => {
		for (let i = 0; i < polls; i++, poll++) {
			const before = graph().length;
			for (const event of json(await trigger.poll())) events.push({ ...event, poll });
			perPoll.push(graph().length - before);
			simulator.advanceClock(MINUTE);
		}
	};
	// The first interval (and a poll: the list read again at its end takes its pages' share) is
	// the baseline: every WABA read once, nothing reported.
	await run(32);
	expect(events).toEqual([]);
	const baselineReads = new Map<string, number>();
	for (const r of graph()) {
		const id = wabaOf(r.path);
		if (id && r.path.endsWith('/phone_numbers'))
			baselineReads.set(id, (baselineReads.get(id) ?? 0) + 1);
	}
	expect(baselineReads.size).toBe(500);

	// Changes at minute 36: a number's quality, a template rejected, a portfolio's limit (all
	// three numbers of a WABA), a WABA's review, a client arriving and one leaving, one WABA
	// refused from then on.
	await run(4);
	const changedAt = poll;
	simulator.phoneNumbers.get(phoneId(7, 1))!.quality_rating = 'RED';
	const rejected = [...simulator.templates.values()].find((t) => t.wabaId === wabaId(9))!;
	rejected.status = 'REJECTED';
	for (let n = 0; n < 3; n++) {
		simulator.phoneNumbers.get(phoneId(11, n))!.whatsapp_business_manager_messaging_limit =
			'TIER_10K';
	}
	simulator.wabas.get(wabaId(13))!.account_review_status = 'RESTRICTED';
	simulator.wabas.set(wabaId(600), {
		id: wabaId(600),
		businessId: PARTNER,
		name: 'New Client',
		client: true,
	});
	simulator.wabas.get(wabaId(15))!.partnerRemoved = true;
	simulator.wabas.get(wabaId(17))!.refusal = {
		status: 403,
		code: 200,
		message:
			'(#200) Permission denied: the partner has no access to this WhatsApp Business Account',
	};
	await run(31);
	const after = events.filter((e) => e.poll >= changedAt);
	const summary = after.map((e) => `${String(e.event)} ${String(e.waba_id)}`).sort();
	expect(summary).toEqual(
		[
			`accountReviewStatusChanged ${wabaId(13)}`,
			`clientWabaAdded ${wabaId(600)}`,
			`clientWabaRemoved ${wabaId(15)}`,
			`clientWabaUnreadable ${wabaId(17)}`,
			`messagingLimitChanged ${wabaId(11)}`,
			`qualityChanged ${wabaId(7)}`,
			`templateStatusChanged ${wabaId(9)}`,
		].sort(),
	);
	// Within one interval (30 polls) and one poll of the change.
	for (const event of after) expect(event.poll - changedAt).toBeLessThanOrEqual(31);
	expect(after.find((e) => e.event === 'messagingLimitChanged')).toMatchObject({
		owner_business_id: `4${wabaId(11).slice(1)}`,
		previous: 'TIER_2K',
		current: 'TIER_10K',
		messaging_limit: '10K',
	});
	expect(after.find((e) => e.event === 'qualityChanged')).toMatchObject({
		waba_id: wabaId(7),
		waba_name: 'Client 7',
		owner_business_id: `4${wabaId(7).slice(1)}`,
		previous: 'GREEN',
		current: 'RED',
	});
	expect(after.find((e) => e.event === 'clientWabaUnreadable')).toMatchObject({
		category: 'permission',
		code: 200,
		reason: expect.stringContaining('Permission denied'),
	});

	// Another interval: the refused WABA is not reported again; then it recovers, once.
	await run(30);
	expect(events.filter((e) => e.poll >= changedAt + 31)).toEqual([]);
	delete simulator.wabas.get(wabaId(17))!.refusal;
	const recovery = poll;
	await run(31);
	expect(events.filter((e) => e.poll >= recovery).map((e) => e.event)).toEqual([
		'clientWabaReadable',
	]);

	// Requests: at most ceil((500 x 2 + 5 list pages) / 30) = 34 = ceil(500 / 30) x 2 per poll;
	// no WABA read twice in any 30 minutes; per WABA and hour 4 calls (2% of 200).
	expect(Math.max(...perPoll)).toBeLessThanOrEqual(34);
	const reads = new Map<string, number[]>();
	graph().forEach((r) => {
		const id = wabaOf(r.path);
		if (id && r.path.endsWith('/phone_numbers')) reads.set(id, [...(reads.get(id) ?? []), r.at]);
	});
	// The simulator records each request on the same (fake) clock.
	let closest = Infinity;
	for (const times of reads.values()) {
		for (let i = 1; i < times.length; i++) closest = Math.min(closest, times[i] - times[i - 1]);
	}
	// Read once an interval, by the poll: at the earliest half a poll before the interval is over.
	expect(closest).toBeGreaterThanOrEqual(30 * MINUTE - MINUTE / 2);
	const hours = poll / 60;
	const calls = new Map<string, number>();
	for (const r of graph()) {
		const id = wabaOf(r.path);
		if (id) calls.set(id, (calls.get(id) ?? 0) + 1);
	}
	const busiest = Math.max(...calls.values()) / hours;
	console.log(
		`fleet: at most ${busiest.toFixed(1)} calls per WABA and hour over ${hours.toFixed(1)} h`,
	);
	expect(busiest).toBeLessThanOrEqual(10);

	// Static data: at most 2 KB a WABA on average.
	const size = Buffer.byteLength(JSON.stringify(trigger.staticData()));
	console.log(
		`fleet: 500 WABAs x 3 numbers x 30 templates, ${poll} polls, at most ${Math.max(...perPoll)} requests a poll, static data ${size} bytes (${Math.round(size / 500)} a WABA)`,
	);
	expect(size / 500).toBeLessThanOrEqual(2048);
}, 300_000);

test('a small poll budget: a poll stops early and the next continues; every WABA read, each change once', async () => {
	seedFleet(20);
	// 1 ms: each poll reads what it started (the list's first page, or one WABA), then stops.
	const trigger = fleet({ checkEveryMinutes: 10 }, 1);
	const seen: IDataObject[] = [];
	for (let i = 0; i < 30; i++) {
		seen.push(...json(await trigger.poll()));
		simulator.advanceClock(MINUTE);
	}
	expect(seen).toEqual([]);
	const read = new Set(
		graph()
			.map((r) => wabaOf(r.path))
			.filter(Boolean),
	);
	expect(read.size).toBe(20);
	simulator.phoneNumbers.get(phoneId(3, 0))!.status = 'FLAGGED';
	for (let i = 0; i < 40; i++) {
		seen.push(...json(await trigger.poll()));
		simulator.advanceClock(MINUTE);
	}
	expect(seen.map((e) => `${String(e.event)} ${String(e.waba_id)}`)).toEqual([
		`statusChanged ${wabaId(3)}`,
	]);
}, 120_000);

test('Include Owned WABAs watches the owned ones too; the one-WABA watch is untouched', async () => {
	seedFleet(2);
	simulator.wabas.set('2000000000000009', {
		id: '2000000000000009',
		businessId: PARTNER,
		name: 'Owned on behalf of a client',
	});
	const trigger = fleet({ options: { includeOwned: true, emitExisting: true } });
	const first = json(await trigger.poll());
	expect(first.map((e) => e.waba_id).sort()).toEqual(
		['2000000000000001', '2000000000000009', wabaId(0), wabaId(1)].sort(),
	);
	expect(first.every((e) => e.event === 'clientWabaAdded')).toBe(true);
	expect(trigger.staticData().seen).toBeUndefined();
});
