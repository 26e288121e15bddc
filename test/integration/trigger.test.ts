/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code: runs in Node.js, never inside n8n */
// The polling trigger through n8n-core's real PollContext, across several polls against the
// simulator, whose clock the tests move: baseline, each event once, none lost or repeated across
// a failed poll, phone number changes, manual mode, and a pool of 10,000 numbers.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow, triggerPoller } from '../helpers/engine';

const TOKEN = 'EAATriggerSecretTokenK5m1Qp';
const BUSINESS = '1234567890123456';
const DAY_MS = 86_400_000;
const ALL_POOL_EVENTS = [
	'added',
	'verified',
	'verificationExpiring',
	'verificationLost',
	'leftPool',
];
let simulator: GraphApiSimulator;

const realNow = Date.now;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS], clock: realNow });
	await simulator.start();
	// The trigger reads the time as n8n does; here it is the simulator's, which tests move.
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + simulator.clockOffsetMs);
});

afterEach(async () => {
	jest.restoreAllMocks();
	await simulator.stop();
});

const credentials = () => ({ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl });

function poolPoller(extra: INodeParameters = {}, mode: 'trigger' | 'manual' = 'trigger') {
	return triggerPoller(
		{ watch: 'preVerifiedNumbers', businessId: BUSINESS, poolEvents: ALL_POOL_EVENTS, ...extra },
		credentials(),
		mode,
	);
}

const events = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((i) => `${String(i.json.event)} ${String(i.json.phone_number)}`);

/** Verifies a pool number through the node's own operations, as a partner's workflow would. */
async function verify(id: string) {
	const number = { __rl: true, mode: 'id', value: id };
	const run = async (operation: string, parameters: IDataObject) =>
		await runWorkflow(
			nodeWorkflow({ rows: [{ row: 1 }], parameters: { operation, ...parameters } }),
			credentials(),
		);
	await run('requestCode', { preVerifiedNumberId: number, codeMethod: 'SMS' });
	await run('verifyCode', { preVerifiedNumberId: number, code: simulator.lastCode(id) as string });
}

test('the first poll records a baseline and emits nothing; then each change fires once', async () => {
	const first = simulator.seedPreVerifiedNumber(BUSINESS, '16315550001');
	simulator.seedPreVerifiedNumber(BUSINESS, '16315550002', true);
	const poller = poolPoller();
	expect(await poller.poll()).toBeNull();
	expect(await poller.poll()).toBeNull();

	const third = simulator.seedPreVerifiedNumber(BUSINESS, '16315550003');
	await verify(first);
	const items = await poller.poll();
	expect(events(items)).toEqual(['verified +1 631-555-0001', 'added +1 631-555-0003']);
	const verified = items?.[0].json as IDataObject;
	expect(verified).toMatchObject({
		event: 'verified',
		id: first,
		previous: 'NOT_VERIFIED',
		current: 'VERIFIED',
		business_id: BUSINESS,
		code_verification_status: 'VERIFIED',
		expires_in_days: 89,
	});
	expect(typeof verified.detected_at).toBe('string');
	expect(await poller.poll()).toBeNull();

	// Claimed by a client: it leaves the pool.
	simulator.removeNumber(simulator.numbers.get(third) as never);
	expect(events(await poller.poll())).toEqual(['leftPool +16315550003']);
	expect(await poller.poll()).toBeNull();
});

test('time passes: expiring within 14 days fires once, then the verification is lost, then the number is removed', async () => {
	const verified = simulator.seedPreVerifiedNumber(BUSINESS, '16315550010', true);
	const never = simulator.seedPreVerifiedNumber(BUSINESS, '16315550011');
	const poller = poolPoller({ expiringWithinDays: 14 });
	expect(await poller.poll()).toBeNull();

	simulator.advanceClock(70 * DAY_MS);
	expect(await poller.poll()).toBeNull();
	simulator.advanceClock(7 * DAY_MS); // 13 days left
	const expiring = await poller.poll();
	expect(events(expiring)).toEqual(['verificationExpiring +1 631-555-0010']);
	expect(expiring?.[0].json).toMatchObject({ id: verified, expires_in_days: 12 });
	simulator.advanceClock(DAY_MS);
	expect(await poller.poll()).toBeNull(); // once per verification period

	simulator.advanceClock(14 * DAY_MS); // past 90 days: Meta reverts and removes
	const lost = await poller.poll();
	expect(events(lost).sort()).toEqual([
		'leftPool +16315550011',
		'verificationLost +1 631-555-0010',
	]);
	expect(lost?.find((i) => i.json.event === 'verificationLost')?.json).toMatchObject({
		previous: 'VERIFIED',
		current: 'NOT_VERIFIED',
	});
	expect(simulator.numbers.has(never)).toBe(false);
	expect(await poller.poll()).toBeNull();

	// Verified again: a new verification period, which may expire again.
	await verify(verified);
	expect(events(await poller.poll())).toEqual(['verified +1 631-555-0010']);
	simulator.advanceClock(80 * DAY_MS);
	expect(events(await poller.poll())).toEqual(['verificationExpiring +1 631-555-0010']);
});

test('a poll that fails midway loses nothing and repeats nothing', async () => {
	for (let i = 0; i < 150; i++) simulator.seedPreVerifiedNumber(BUSINESS, `1631555${2000 + i}`);
	const poller = poolPoller();
	expect(await poller.poll()).toBeNull();
	const before = JSON.stringify(poller.staticData());

	simulator.seedPreVerifiedNumber(BUSINESS, '16315559999');
	// The first page answers with a cursor; the second fails for good (not retryable).
	simulator.script.push(
		{
			status: 200,
			body: JSON.stringify({
				data: [{ id: '1', phone_number: '+1 631-555-0000', code_verification_status: 'VERIFIED' }],
				paging: { cursors: { after: 'c2' }, next: `${simulator.baseUrl}/next` },
			}),
		},
		{
			status: 400,
			body: JSON.stringify({
				error: { message: 'Invalid cursor', type: 'OAuthException', code: 100 },
			}),
		},
	);
	const sent = simulator.requests.length;
	await expect(poller.poll()).rejects.toThrow(
		/Meta answered HTTP 400 \(code 100\): Invalid cursor/,
	);
	expect(simulator.requests.length - sent).toBe(2);
	expect(JSON.stringify(poller.staticData())).toBe(before);

	expect(events(await poller.poll())).toEqual(['added +1 631-555-9999']);
	expect(await poller.poll()).toBeNull();
});

test('an expired token fails the poll with a clear message', async () => {
	simulator.seedPreVerifiedNumber(BUSINESS, '16315550020');
	const poller = poolPoller();
	await poller.poll();
	const wrong = triggerPoller(
		{ watch: 'preVerifiedNumbers', businessId: BUSINESS, poolEvents: ALL_POOL_EVENTS },
		{ ...credentials(), accessToken: 'EAAExpiredTokenForTheTrigger' },
	);
	await expect(wrong.poll()).rejects.toThrow(
		/HTTP 401 \(code 190\).*Check the credential's Access Token/,
	);
});

test('Phone Number events: status, quality, limit and name review, each once', async () => {
	const phone = '100000000000000';
	simulator.seedConnectedPhoneNumber(phone, '6315550030');
	const poller = triggerPoller(
		{
			watch: 'phoneNumbers',
			wabaId: SIMULATOR_WABA_ID,
			phoneNumberEvents: [
				'statusChanged',
				'qualityChanged',
				'messagingLimitChanged',
				'nameStatusChanged',
			],
		},
		credentials(),
	);
	expect(await poller.poll()).toBeNull();
	const number = simulator.phoneNumbers.get(phone);
	if (!number) throw new Error('no number');
	number.quality_rating = 'YELLOW';
	// Meta's current field (the portfolio's limit); the deprecated messaging_limit_tier stays.
	number.whatsapp_business_manager_messaging_limit = 'TIER_1K';
	const items = await poller.poll();
	expect(items?.map((i) => [i.json.event, i.json.previous, i.json.current])).toEqual([
		['qualityChanged', 'GREEN', 'YELLOW'],
		['messagingLimitChanged', 'TIER_250', 'TIER_1K'],
	]);
	expect(items?.[0].json).toMatchObject({
		waba_id: SIMULATOR_WABA_ID,
		quality: 'medium',
		id: phone,
	});
	expect(await poller.poll()).toBeNull();
	number.status = 'FLAGGED';
	number.name_status = 'DECLINED';
	expect((await poller.poll())?.map((i) => i.json.event)).toEqual([
		'statusChanged',
		'nameStatusChanged',
	]);
});

test("Messaging Limit Changed follows Meta's current field, the business portfolio's limit", async () => {
	const phone = '100000000000007';
	simulator.seedConnectedPhoneNumber(phone, '6315550037');
	const poller = triggerPoller(
		{
			watch: 'phoneNumbers',
			wabaId: SIMULATOR_WABA_ID,
			phoneNumberEvents: ['messagingLimitChanged'],
		},
		credentials(),
	);
	expect(await poller.poll()).toBeNull();
	const number = simulator.phoneNumbers.get(phone);
	if (!number) throw new Error('no number');
	// Since 2025-10-07 the limit is the portfolio's; the deprecated field no longer moves.
	number.whatsapp_business_manager_messaging_limit = 'TIER_2K';
	const items = await poller.poll();
	expect(items?.map((i) => [i.json.event, i.json.previous, i.json.current])).toEqual([
		['messagingLimitChanged', 'TIER_250', 'TIER_2K'],
	]);
	expect(items?.[0].json.whatsapp_business_manager_messaging_limit).toBe('TIER_2K');
	expect(await poller.poll()).toBeNull();
	// A stale deprecated field changing alone is not a change of the limit.
	number.messaging_limit_tier = 'TIER_50';
	expect(await poller.poll()).toBeNull();
	const asked = simulator.requests.filter((r) => r.path.endsWith('/phone_numbers'));
	expect(asked.every((r) => r.query.includes('whatsapp_business_manager_messaging_limit'))).toBe(
		true,
	);
	expect(asked.some((r) => r.query.includes('messaging_limit_tier'))).toBe(false);
});

test("the WABA's own review status: a change fires once, one more request per poll only when ticked", async () => {
	const waba = simulator.wabas.get(SIMULATOR_WABA_ID);
	if (!waba) throw new Error('no WABA');
	const parameters = { watch: 'phoneNumbers', wabaId: SIMULATOR_WABA_ID };
	const poller = triggerPoller(
		{ ...parameters, phoneNumberEvents: ['statusChanged', 'accountReviewStatusChanged'] },
		credentials(),
	);
	const wabaReads = () =>
		simulator.requests.filter((r) => r.path === `/v23.0/${SIMULATOR_WABA_ID}`);
	expect(await poller.poll()).toBeNull();
	expect(await poller.poll()).toBeNull();
	waba.account_review_status = 'RESTRICTED';
	const items = await poller.poll();
	expect(items?.map((i) => i.json)).toEqual([
		{
			event: 'accountReviewStatusChanged',
			id: SIMULATOR_WABA_ID,
			name: 'Simulator WABA',
			account_review_status: 'RESTRICTED',
			phone_number: null,
			previous: 'APPROVED',
			current: 'RESTRICTED',
			waba_id: SIMULATOR_WABA_ID,
			detected_at: expect.any(String),
		},
	]);
	expect(await poller.poll()).toBeNull();
	expect(wabaReads()).toHaveLength(4);

	// Ticked later on a running trigger: its first read records the status, reports nothing.
	const ticked = triggerPoller(
		{ ...parameters, phoneNumberEvents: ['statusChanged'] },
		credentials(),
	);
	await ticked.poll();
	ticked.setParameters({ phoneNumberEvents: ['statusChanged', 'accountReviewStatusChanged'] });
	expect(await ticked.poll()).toBeNull();
	waba.account_review_status = 'PENDING';
	expect((await ticked.poll())?.map((i) => [i.json.previous, i.json.current])).toEqual([
		['RESTRICTED', 'PENDING'],
	]);
	waba.account_review_status = 'RESTRICTED';
	const readsSoFar = wabaReads().length;

	// Not ticked: no request for it.
	const numbersOnly = triggerPoller(
		{ ...parameters, phoneNumberEvents: ['statusChanged'] },
		credentials(),
	);
	await numbersOnly.poll();
	waba.account_review_status = 'APPROVED';
	expect(await numbersOnly.poll()).toBeNull();
	expect(wabaReads()).toHaveLength(readsSoFar);
});

test('only the ticked events are emitted; Emit Existing on First Poll announces the pool', async () => {
	simulator.seedPreVerifiedNumber(BUSINESS, '16315550040', true);
	simulator.seedPreVerifiedNumber(BUSINESS, '16315550041');
	const poller = poolPoller({ poolEvents: ['added'], options: { emitExisting: true } });
	expect(events(await poller.poll())).toEqual(['added +1 631-555-0040', 'added +1 631-555-0041']);
	expect(await poller.poll()).toBeNull();
});

test('manual mode ("Fetch Test Event") returns one sample and leaves the state alone', async () => {
	simulator.seedPreVerifiedNumber(BUSINESS, '16315550050', true);
	const poller = poolPoller({ poolEvents: ['verificationExpiring'] }, 'manual');
	const items = await poller.poll();
	expect(items).toHaveLength(1);
	expect(items?.[0].json).toMatchObject({
		sample: true,
		event: 'verificationExpiring',
		phone_number: '+1 631-555-0050',
		business_id: BUSINESS,
	});
	expect(poller.staticData()).toEqual({});
});

test('a pool of 10,000 numbers: 100 requests per poll, bounded state, one event per change', async () => {
	for (let i = 0; i < 10_000; i++) simulator.seedPreVerifiedNumber(BUSINESS, `1631${2000000 + i}`);
	const poller = poolPoller();
	let before = simulator.requests.length;
	expect(await poller.poll()).toBeNull();
	const requests = simulator.requests.length - before;
	const stateBytes = Buffer.byteLength(JSON.stringify(poller.staticData()));
	expect(requests).toBe(100);
	expect(stateBytes).toBeLessThan(600_000);

	const ids = [...simulator.numbers.keys()];
	simulator.removeNumber(simulator.numbers.get(ids[17]) as never);
	simulator.removeNumber(simulator.numbers.get(ids[9_000]) as never);
	before = simulator.requests.length;
	expect(events(await poller.poll())).toEqual(['leftPool +16312000017', 'leftPool +16312009000']);
	expect(await poller.poll()).toBeNull();
	// Figures for the README and the closing note.
	console.log(`10,000-number pool: ${requests} requests per poll, state ${stateBytes} bytes`);
}, 120_000);

test('a pool too long to read within the poll budget is read over several polls; no change is reported from a partial list', async () => {
	for (let i = 0; i < 2_500; i++) simulator.seedPreVerifiedNumber(BUSINESS, `1631600${i + 1000}`);
	// 25 pages at 20 ms each cannot be read within a 200 ms budget.
	simulator.faults.latencyMs = 20;
	const poller = triggerPoller(
		{ watch: 'preVerifiedNumbers', businessId: BUSINESS, poolEvents: ALL_POOL_EVENTS },
		credentials(),
		'trigger',
		200,
	);
	/** Polls until a read completes; returns what that poll emitted and how many polls it took. */
	const pollUntilRead = async () => {
		for (let polls = 1; polls <= 200; polls++) {
			const pagesBefore = simulator.requests.length;
			const items = await poller.poll();
			const state = poller.staticData();
			if (state.reading === undefined) return { items, polls };
			// A partial read reports nothing and keeps the pages it read.
			expect(items).toBeNull();
			expect(simulator.requests.length).toBeGreaterThan(pagesBefore);
			expect((state.reading as { numbers: unknown[] }).numbers.length).toBeGreaterThan(0);
		}
		throw new Error('the read never completed');
	};
	const baseline = await pollUntilRead();
	expect(baseline.items).toBeNull();
	expect(baseline.polls).toBeGreaterThanOrEqual(2);
	expect(Object.keys(poller.staticData().seen as object)).toHaveLength(2_500);
	// Every page was read once across the polls: 25 pages, none twice.
	expect(simulator.requests).toHaveLength(25);

	// One number leaves the pool, one is added: reported once, when the whole list has been read.
	simulator.removeNumber([...simulator.numbers.values()][1_234]);
	simulator.seedPreVerifiedNumber(BUSINESS, '16316009999');
	const next = await pollUntilRead();
	expect(next.polls).toBeGreaterThanOrEqual(2);
	expect(events(next.items).sort()).toEqual(['added +1 631-600-9999', 'leftPool +16316002234']);
});
