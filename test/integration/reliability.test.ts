/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, no-console -- test code: runs in Node.js, never inside n8n */
// Retries by Graph error code, lost answers without double adds, bad responses, and a run with
// faults injected: in n8n's engine against the simulator.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, RELIABILITY_FAULTS } from '../../simulator/GraphApiSimulator';
import type { FaultSettings, ScriptedResponse } from '../../simulator/GraphApiSimulator';
import { addPhoneNumbersWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAAReliabilitySecretTokenH8s2Lm';
const BUSINESS = '1234567890123456';
const ADD_PATH = `/v23.0/${BUSINESS}/add_phone_numbers`;
// Fast retries for tests: the backoff shape is unit-tested, the waiting need not be real.
const FAST: INodeParameters = { initialRetryDelayMs: 1, timeoutMs: 1000, maxAttempts: 5 };

let simulator: GraphApiSimulator;

async function start(faults: Partial<FaultSettings> = {}) {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS], faults, seed: 7 });
	await simulator.start();
}

afterEach(async () => {
	await simulator?.stop();
});

async function addRows(rows: IDataObject[], options: INodeParameters = FAST) {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({ rows, onError: 'continueErrorOutput', options }),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.error).toBeUndefined();
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	const [success = [], failure = []] = result.outputs('Add Phone Number');
	expect(success.length + failure.length).toBe(rows.length);
	return { success, failure };
}

function graphError(
	status: number,
	error: Record<string, unknown>,
	headers?: Record<string, string>,
): ScriptedResponse {
	return { status, body: JSON.stringify({ error: { type: 'OAuthException', ...error } }), headers };
}

const category = (item: INodeExecutionData) => (item.json.details as { category: string }).category;
const details = (item: INodeExecutionData) => item.json.details as Record<string, unknown>;
const addRequests = () => simulator.requests.filter((r) => r.path === ADD_PATH).length;

describe('retries by Graph error code', () => {
	const retryable: Array<[string, ScriptedResponse]> = [
		[
			'80008 sent as HTTP 400',
			graphError(400, { code: 80008, message: 'Too many calls to this WhatsApp Business account' }),
		],
		['4 as HTTP 429', graphError(429, { code: 4, message: 'Application request limit reached' })],
		[
			'613 as HTTP 400',
			graphError(400, { code: 613, message: 'Calls to this api have exceeded the rate limit' }),
		],
		['17 as HTTP 400', graphError(400, { code: 17, message: 'User request limit reached' })],
		[
			'2 as HTTP 500',
			graphError(500, { code: 2, message: 'Service temporarily unavailable', is_transient: true }),
		],
		[
			'unknown code with is_transient',
			graphError(400, { code: 9999, message: 'Odd', is_transient: true }),
		],
		[
			'502 HTML page',
			{ status: 502, body: '<html>Bad Gateway</html>', headers: { 'Content-Type': 'text/html' } },
		],
		['connection reset', { action: 'reset' }],
		['timeout', { action: 'hang' }],
	];
	test.each(retryable)('%s is retried, then the number is added once', async (_, failure) => {
		await start();
		simulator.script.push(failure, failure);
		const { success } = await addRows([{ phone: '+1 631 555 1000' }]);
		expect(success).toHaveLength(1);
		expect(addRequests()).toBe(3);
		expect(simulator.totalAdds()).toBe(1);
	});

	const final: Array<[string, ScriptedResponse, string]> = [
		[
			'100 invalid parameter',
			graphError(400, { code: 100, message: 'Invalid parameter' }),
			'validation',
		],
		[
			'190 expired token',
			graphError(401, { code: 190, error_subcode: 463, message: 'Session has expired' }),
			'auth',
		],
		[
			'190 as HTTP 400',
			graphError(400, { code: 190, error_subcode: 460, message: 'Password changed' }),
			'auth',
		],
		['10 permission', graphError(403, { code: 10, message: 'Permission denied' }), 'permission'],
		[
			'200 permission',
			graphError(403, { code: 200, error_subcode: 1349174, message: 'No permission' }),
			'permission',
		],
		[
			'368 policy block',
			graphError(400, { code: 368, message: 'Temporarily blocked' }),
			'permission',
		],
		['803 unknown business', graphError(404, { code: 803, message: 'Not found' }), 'not_found'],
	];
	test.each(final)('%s is not retried', async (_, failure, expected) => {
		await start();
		simulator.script.push(failure);
		const { failure: failed } = await addRows([{ phone: '+1 631 555 1000' }]);
		expect(failed.map(category)).toEqual([expected]);
		expect(details(failed[0]).retryable).toBe(false);
		expect(details(failed[0]).attempts).toBe(1);
		expect(addRequests()).toBe(1);
	});

	test('Max Attempts bounds the retries and the error says how many were made', async () => {
		await start();
		const throttled = graphError(400, { code: 80008, message: 'Too many calls' });
		simulator.script.push(throttled, throttled, throttled, throttled);
		const { failure } = await addRows([{ phone: '+1 631 555 1000' }], { ...FAST, maxAttempts: 3 });
		expect(failure.map(category)).toEqual(['rate_limit']);
		expect(details(failure[0]).attempts).toBe(3);
		expect(failure[0].json.error).toMatch(/Gave up after 3 attempts/);
		expect(addRequests()).toBe(3);
	});

	test('a wait Meta asks for past Max Total Wait fails the item at once instead of sleeping', async () => {
		await start();
		const usage = JSON.stringify({
			[BUSINESS]: [
				{
					type: 'whatsapp_business_management',
					call_count: 100,
					estimated_time_to_regain_access: 30,
				},
			],
		});
		simulator.script.push(
			graphError(
				400,
				{ code: 80008, message: 'Too many calls' },
				{ 'X-Business-Use-Case-Usage': usage },
			),
		);
		const { failure } = await addRows([{ phone: '+1 631 555 1000' }], {
			...FAST,
			maxTotalWaitSeconds: 60,
		});
		expect(failure[0].json.error).toMatch(
			/access returns in about 30 min, more than the 60 s left of Max Total Wait/,
		);
		// The time Meta gave, for a workflow that routes the item to a later run.
		expect(failure[0].json.details).toMatchObject({
			category: 'rate_limit',
			retryAfterSeconds: 1800,
		});
		expect(addRequests()).toBe(1);
	});

	test('Retry-After is honoured when it fits the budget', async () => {
		await start();
		simulator.script.push(
			graphError(429, { code: 4, message: 'Slow down' }, { 'Retry-After': '0.05' }),
		);
		const { success } = await addRows([{ phone: '+1 631 555 1000' }]);
		expect(success).toHaveLength(1);
		expect(addRequests()).toBe(2);
	});
});

describe('add_phone_numbers is not idempotent', () => {
	test('after a lost answer the retry finds the number added: success, alreadyExisted, one add', async () => {
		await start();
		simulator.script.push({ action: 'lostAnswer' });
		const { success, failure } = await addRows([{ phone: '+1 631 555 1000' }], {
			...FAST,
			ifAlreadyAdded: 'error',
		});
		expect(failure).toHaveLength(0);
		expect(success[0].json).toMatchObject({ phone_number: '+16315551000', alreadyExisted: true });
		expect(simulator.numbers.has(String(success[0].json.id))).toBe(true);
		expect(simulator.totalAdds()).toBe(1);
	});

	test('If Already Added "error" still reports a number that was there before the run', async () => {
		await start();
		await addRows([{ phone: '+1 631 555 1000' }]);
		const { failure } = await addRows([{ phone: '+1 631 555 1000' }], {
			...FAST,
			ifAlreadyAdded: 'error',
		});
		expect(failure.map(category)).toEqual(['duplicate']);
	});

	test('If Already Added "return existing" (the default) outputs the existing ID', async () => {
		await start();
		const first = await addRows([{ phone: '+1 631 555 1000' }]);
		const { success } = await addRows([{ phone: '+1-631-555-1000' }]);
		expect(success[0].json).toMatchObject({ id: first.success[0].json.id, alreadyExisted: true });
		expect(simulator.totalAdds()).toBe(1);
	});
});

describe('bad responses become clear errors', () => {
	const cases: Array<[string, ScriptedResponse, string, RegExp]> = [
		[
			'an HTML error page',
			{
				status: 503,
				body: '<!DOCTYPE html><h1>Down</h1>',
				headers: { 'Content-Type': 'text/html' },
			},
			'server',
			/HTML page/,
		],
		['an empty body', { status: 200, body: '' }, 'server', /empty body/],
		['invalid JSON', { status: 200, body: '{"id": "12' }, 'server', /not valid JSON/],
		['200 without id', { status: 200, body: '{"success": true}' }, 'server', /without the ID/],
		[
			'a huge body',
			{ status: 500, body: JSON.stringify({ junk: 'x'.repeat(5_000_000) }) },
			'server',
			/HTTP 500/,
		],
	];
	test.each(cases)('%s', async (_, response, expected, message) => {
		await start();
		// Every attempt gets the same bad answer.
		for (let i = 0; i < 5; i++) simulator.script.push(response);
		const { failure } = await addRows([{ phone: '+1 631 555 1000' }]);
		expect(failure.map(category)).toEqual([expected]);
		expect(failure[0].json.error).toMatch(message);
		expect(String(failure[0].json.error).length).toBeLessThan(400);
	});
});

// The same fault mix at 10,000 items and more runs in `npm run soak` (and in CI); here a size
// that finishes in seconds on a busy machine. The timeout is far above a loaded answer time, so
// only the injected hangs time out.
const FAULT_RUN_ITEMS = 500;

test(`${FAULT_RUN_ITEMS} items with faults: items in = items out, each valid number added exactly once`, async () => {
	await start(RELIABILITY_FAULTS);
	const formats = [
		(n: number) => `+1 (631) ${String(2000000 + n).slice(0, 3)}-${String(2000000 + n).slice(3)}`,
		(n: number) => `1631${2000000 + n}`,
		(n: number) => `+1-631-${String(2000000 + n).slice(0, 3)}-${String(2000000 + n).slice(3)}`,
		(n: number) => Number(`1631${2000000 + n}`),
	];
	const rows: IDataObject[] = [];
	for (let i = 0; i < FAULT_RUN_ITEMS; i++) {
		if (i % 100 === 99)
			rows.push({ row: i, phone: `not a number ${i}` }); // 1% invalid
		else if (i % 100 === 98)
			rows.push({ row: i, phone: `+1631${2000000 + i - 50}` }); // 1% duplicate
		else rows.push({ row: i, phone: formats[i % 4](i) });
	}
	const invalid = FAULT_RUN_ITEMS / 100;
	const repeated = FAULT_RUN_ITEMS / 100;
	const started = Date.now();
	const { success, failure } = await addRows(rows, {
		initialRetryDelayMs: 1,
		timeoutMs: 3000,
		maxAttempts: 10,
		requestsInFlight: 8,
	});
	const seconds = (Date.now() - started) / 1000;

	expect(failure.every((item) => typeof category(item) === 'string')).toBe(true);
	expect(failure.map(category)).toEqual(new Array(invalid).fill('validation'));
	expect(success).toHaveLength(FAULT_RUN_ITEMS - invalid);
	const duplicates = success.filter((i) => i.json.alreadyExisted === true);
	// Some rows repeat an earlier number; lost answers add a few more recoveries.
	expect(duplicates.length).toBeGreaterThanOrEqual(repeated);
	expect(simulator.numbers.size).toBe(FAULT_RUN_ITEMS - invalid - repeated);
	expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);
	expect(new Set(simulator.requests.map((r) => r.path))).toEqual(
		new Set([ADD_PATH, `/v23.0/${BUSINESS}/preverified_numbers`]),
	);
	// Figures for the closing note (printed, not asserted: no timing assertions).
	const requests = simulator.requests.length;
	console.log(
		`fault run: ${rows.length} in, ${success.length + failure.length} out, ${simulator.numbers.size} numbers, max adds per number ${Math.max(...simulator.addsByNumber.values())}, ${requests} requests (${requests - success.length} beyond one per valid row), ${duplicates.length} alreadyExisted, ${seconds.toFixed(1)} s`,
	);
}, 120_000);
