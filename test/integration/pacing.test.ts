/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code: runs in Node.js, never inside n8n */
// Pacing by Meta's usage headers: bulk runs stay near the budget instead of failing on
// throttling, executions at once against one budget (queue mode) lose no items, Meta's waits
// use no attempts, and a wait past Max Total Wait fails the rest at once.
import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { addPhoneNumbersWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAAPacingSecretTokenK4d6Fs';
const BUSINESS = '1234567890123456';
const ADD_PATH = `/v23.0/${BUSINESS}/add_phone_numbers`;
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS],
		callsPerWindow: 20,
		windowMs: 1000,
		retryAfterHeader: true,
	});
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

function rows(from: number, count: number) {
	return Array.from({ length: count }, (_, i) => ({ phone: `+1 631 555 ${from + i}` }));
}

async function addAll(
	phones: Array<{ phone: string }>,
	requestsInFlight: number,
	options: Record<string, number> = { maxAttempts: 10 },
) {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: phones,
			onError: 'continueErrorOutput',
			options: { requestsInFlight, ...options },
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.error).toBeUndefined();
	return result.outputs('Add Phone Number');
}

const throttledCalls = () =>
	simulator.requests.filter((r) => r.path === ADD_PATH && r.status === 400).length;

test('a run three times the budget finishes with no item failed and few throttled calls', async () => {
	const [success, failure = []] = await addAll(rows(4000, 60), 4);
	expect(failure).toHaveLength(0);
	expect(success).toHaveLength(60);
	expect(simulator.totalAdds()).toBe(60);
	// Near the limit requests go single file and all wait as told: at most one throttled call
	// per row beyond the budget (a sliding window frees one call at a time), never one per worker
	// per retry.
	expect(throttledCalls()).toBeLessThanOrEqual(60 - 20);
	console.log(
		`pacing: 60 rows, budget 20/s, ${simulator.requests.length} calls, ${throttledCalls()} throttled`,
	);
});

test('two executions at once against one budget lose no items and add each number once', async () => {
	const [first, second] = await Promise.all([addAll(rows(5000, 40), 3), addAll(rows(6000, 40), 3)]);
	expect(first[0]).toHaveLength(40);
	expect(second[0]).toHaveLength(40);
	expect(first[1] ?? []).toHaveLength(0);
	expect(second[1] ?? []).toHaveLength(0);
	expect(simulator.numbers.size).toBe(80);
	expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);
	console.log(
		`two executions: 80 rows, budget 20/s, ${simulator.requests.length} calls, ${throttledCalls()} throttled`,
	);
});

test('waits Meta asks for use no attempts: one attempt each is enough for a run three times the budget', async () => {
	// Usage Ceiling 100: the run meets Meta's limit, so that Meta's waits happen.
	const [success, failure = []] = await addAll(rows(7000, 60), 4, {
		maxAttempts: 1,
		usageCeilingPercent: 100,
	});
	expect(failure).toHaveLength(0);
	expect(success).toHaveLength(60);
	expect(simulator.totalAdds()).toBe(60);
	expect(throttledCalls()).toBeGreaterThan(0);
});

test('four executions at once against one budget: every item out once, every number added once', async () => {
	const runs = await Promise.all(
		[8000, 8100, 8200, 8300].map(async (from) => await addAll(rows(from, 25), 4)),
	);
	for (const [success, failure = []] of runs) {
		expect(success).toHaveLength(25);
		expect(failure).toHaveLength(0);
	}
	expect(simulator.numbers.size).toBe(100);
	expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);
	console.log(
		`four executions: 100 rows, budget 20/s, ${simulator.requests.length} calls, ${throttledCalls()} throttled`,
	);
});

describe('answers like Meta: the time to regain access in whole minutes, no Retry-After', () => {
	beforeEach(async () => {
		await simulator.stop();
		simulator = new GraphApiSimulator({
			token: TOKEN,
			businessIds: [BUSINESS],
			callsPerWindow: 20,
			windowMs: 60_000,
		});
		await simulator.start();
	});

	test('when the rest cannot be done within Max Total Wait, it fails at once as rate_limit with the time Meta gave', async () => {
		const started = Date.now();
		// Usage Ceiling 100: the run meets Meta's limit at once, as a run at 90% does when others
		// have filled the rest.
		const [success, failure = []] = await addAll(rows(9000, 50), 4, {
			maxTotalWaitSeconds: 30,
			usageCeilingPercent: 100,
		});
		// Waiting for Meta's minute would take 60 s at least; failing at once takes well under it.
		expect(Date.now() - started).toBeLessThan(45_000);
		expect(success).toHaveLength(20);
		expect(failure).toHaveLength(30);
		expect(simulator.totalAdds()).toBe(20);
		for (const item of failure) {
			expect(item.json.error).toMatch(/access returns in about 1 min, more than the 30 s left/);
			expect(item.json.details).toMatchObject({ category: 'rate_limit', retryAfterSeconds: 60 });
		}
		// Only requests already in flight when the limit was reached are throttled; nothing is
		// sent after Meta's answer said to wait a minute.
		expect(throttledCalls()).toBeGreaterThanOrEqual(1);
		expect(throttledCalls()).toBeLessThanOrEqual(4);
		expect(simulator.requests.length).toBe(20 + throttledCalls());
		expect(new Set(failure.map((item) => item.pairedItem))).toHaveProperty('size', 30);
	});
});

describe('default options hold the usage under the Usage Ceiling (90%)', () => {
	beforeEach(async () => {
		await simulator.stop();
		// Meta-like answers on a short window: a throttle would cost a whole minute.
		simulator = new GraphApiSimulator({
			token: TOKEN,
			businessIds: [BUSINESS],
			callsPerWindow: 50,
			windowMs: 2_000,
		});
		await simulator.start();
	});

	// What the pacer guarantees here: Meta's limit is never met (none throttled), and the usage
	// stays within the ceiling plus what the other execution has in flight, which this one cannot
	// see yet: 90% + 4 calls x 2 points = 98%. (Seen: 86-96% in 16 local runs, idle and with both
	// cores busy; 98% once in a CI run, which the earlier bound of 97% failed.)
	test('two executions, three windows of rows: none throttled, usage at most the ceiling plus the other run in flight, every item once', async () => {
		const runs = await Promise.all(
			[3000, 3100].map(async (from) => await addAll(rows(from, 60), 4, {})),
		);
		for (const [success, failure = []] of runs) {
			expect(success).toHaveLength(60);
			expect(failure).toHaveLength(0);
		}
		expect(simulator.numbers.size).toBe(120);
		expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);
		expect(simulator.throttledCalls).toBe(0);
		expect(simulator.highestUsagePercent).toBeGreaterThanOrEqual(70);
		expect(simulator.highestUsagePercent).toBeLessThanOrEqual(90 + 4 * (100 / 50));
		console.log(
			`ceiling 90: 120 rows in two executions, 50 calls per 2 s, ${simulator.requests.length} calls, highest usage ${simulator.highestUsagePercent}%`,
		);
	});
});
