/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code: runs in Node.js, never inside n8n */
// Pacing by Meta's usage headers: bulk runs stay near the budget instead of failing on
// throttling, and two executions at once against one budget (queue mode) lose no items.
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

async function addAll(phones: Array<{ phone: string }>, requestsInFlight: number) {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: phones,
			onError: 'continueErrorOutput',
			options: { requestsInFlight, maxAttempts: 10 },
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
