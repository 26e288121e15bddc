/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Property tests: whatever arrives as a phone number, Business ID or credential setting, each
// item comes out once with a clear error or a result, nothing crashes, and no request goes to
// any path but the intended one.
import fc from 'fast-check';
import type { INodeExecutionData } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { addPhoneNumbersWorkflow, runWorkflow } from '../helpers/engine';
import type { AddWorkflowOptions } from '../helpers/engine';

const TOKEN = 'EAAPropertyTestSecretR5t7Yu';
const BUSINESS = '1234567890123456';
const INTENDED = /^\/v23\.0\/[0-9]+\/(add_phone_numbers|preverified_numbers)$/;
let simulator: GraphApiSimulator;

beforeAll(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
});

afterAll(async () => {
	await simulator.stop();
});

async function run(
	options: Omit<AddWorkflowOptions, 'onError'>,
	credentials: Record<string, unknown> = {},
) {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({ ...options, onError: 'continueErrorOutput' }),
		{
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			...credentials,
		},
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('Add Phone Number');
	const text = JSON.stringify(result.run);
	return { success, failure, text, all: [...success, ...failure] };
}

function expectClearErrors(failure: INodeExecutionData[]) {
	for (const item of failure) {
		const message = item.json.error;
		expect(typeof message).toBe('string');
		expect(message).not.toMatch(/[\r\n]/);
		expect(String(message).length).toBeGreaterThan(15);
		expect(String(message).length).toBeLessThan(400);
		expect(typeof (item.json.details as { category: string }).category).toBe('string');
	}
}

const phoneValues = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme' }),
	fc.string({ unit: 'binary' }),
	fc.stringMatching(/^[+0-9 ()\-.]{0,25}$/),
	fc.integer(),
	fc.double(),
	fc.constant(null),
	fc.boolean(),
	fc.object({ maxDepth: 2 }),
	fc.array(fc.anything(), { maxLength: 3 }),
	fc.constant('9'.repeat(1024 * 1024)),
	fc.constant('+1 631 555 1000\n+1 631 555 1001'),
);

test('arbitrary phone numbers: every item out once, clear errors, intended paths only', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(phoneValues, { minLength: 1, maxLength: 12 }), async (phones) => {
			simulator.requests.length = 0;
			const { success, failure, all, text } = await run({
				rows: phones.map((phone, row) => ({ row, phone })),
				options: { maxAttempts: 1 },
			});
			expect(all).toHaveLength(phones.length);
			expect(all.map((i) => (i.pairedItem as { item: number }).item).sort((a, b) => a - b)).toEqual(
				phones.map((_, index) => index),
			);
			expectClearErrors(failure);
			for (const item of success) expect(item.json.phone_number).toMatch(/^\+[1-9]\d{6,14}$/);
			for (const request of simulator.requests) expect(request.path).toMatch(INTENDED);
			expect(text).not.toContain(TOKEN);
		}),
		{ numRuns: 30, seed: 20261124 },
	);
});

const businessIds = fc.oneof(
	fc.constantFrom(
		'123/../me',
		'123?fields=x',
		'%2e%2e',
		'..',
		'１２３',
		'١٢٣',
		' 123 ',
		'',
		'   ',
		'123 456',
		'12\n3',
		'me',
		'-1',
		'1e5',
		BUSINESS,
	),
	fc.string(),
	fc.stringMatching(/^[0-9./%?#]{1,12}$/),
);

// Read from the row by an expression, as IDs from a sheet arrive (a literally empty required
// parameter never reaches the node: n8n refuses to run the workflow).
test('arbitrary Business IDs: digits only reach Meta, and only as a path segment', async () => {
	await fc.assert(
		fc.asyncProperty(businessIds, async (businessId) => {
			simulator.requests.length = 0;
			const { all, failure, success } = await run({
				rows: [{ phone: '+1 631 555 1000', business: businessId }],
				businessId: '={{ $json.business }}',
				options: { maxAttempts: 1 },
			});
			expect(all).toHaveLength(1);
			expectClearErrors(failure);
			const digits = /^[0-9]+$/.test(businessId.trim());
			if (!digits) {
				expect(simulator.requests).toHaveLength(0);
				expect(failure[0].json.error).toMatch(/Business ID/);
			}
			// The add, or the lookup of a number already added by an earlier run.
			for (const request of simulator.requests) {
				expect([
					`/v23.0/${businessId.trim()}/add_phone_numbers`,
					`/v23.0/${businessId.trim()}/preverified_numbers`,
				]).toContain(request.path);
			}
			if (success.length) expect(success[0].json.business_id).toBe(BUSINESS);
		}),
		{ numRuns: 40, seed: 7 },
	);
});

test.each([
	['an API version with a path', { apiVersion: 'v23.0/../../me' }, /API Version/],
	['an API version without v', { apiVersion: '23.0' }, /API Version/],
	['an empty API version', { apiVersion: '' }, /API Version/],
	['a base URL without scheme', { baseUrl: 'graph.facebook.com' }, /Base URL/],
	['a base URL with a query', { baseUrl: 'http://127.0.0.1:1/?x=1' }, /Base URL/],
	['a base URL with a login', { baseUrl: 'http://user:pass@127.0.0.1:1' }, /Base URL/],
	['a javascript: base URL', { baseUrl: 'javascript:alert(1)' }, /Base URL/],
	['a token with CR/LF', { accessToken: `${TOKEN}\r\nX-Injected: 1` }, /line break/],
	['an empty token', { accessToken: '' }, /Access Token is empty/],
])('%s: every item fails clearly and no request is sent', async (_, credentials, message) => {
	simulator.requests.length = 0;
	const { failure, success, text } = await run(
		{ rows: [{ phone: '+1 631 555 1000' }, { phone: '+44 20 7183 8750' }] },
		credentials,
	);
	expect(success).toHaveLength(0);
	expect(failure).toHaveLength(2);
	for (const item of failure) expect(item.json.error).toMatch(message);
	expectClearErrors(failure);
	expect(simulator.requests).toHaveLength(0);
	expect(text).not.toContain(TOKEN);
});

test('arbitrary credential junk never crashes and never reaches another path', async () => {
	await fc.assert(
		fc.asyncProperty(fc.string(), fc.string(), async (apiVersion, junk) => {
			simulator.requests.length = 0;
			const { all, failure } = await run(
				{ rows: [{ phone: '+1 631 555 1000' }], options: { maxAttempts: 1, timeoutMs: 500 } },
				{ apiVersion, accessToken: `${TOKEN}${junk}` },
			);
			expect(all).toHaveLength(1);
			expectClearErrors(failure);
			for (const request of simulator.requests) expect(request.path).toMatch(INTENDED);
		}),
		{ numRuns: 25, seed: 11 },
	);
});
