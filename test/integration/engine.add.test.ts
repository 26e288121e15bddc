/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The Add operation in n8n-core's real engine against the Graph API simulator: the three
// "On Error" settings, items in = items out, pairedItem, validation before the first request.
import type { INodeExecutionData } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { addPhoneNumbersWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAASecretEngineToken9f3Kq7Zp';
const BUSINESS = '1234567890123456';
let simulator: GraphApiSimulator;
const DUPLICATE_IS_ERROR = { ifAlreadyAdded: 'error' };

// Rows like a spreadsheet export: good numbers in mixed formats, a bad one, a duplicate.
const rows = [
	{ name: 'Ann', phone: '+1 (631) 555-1000' },
	{ name: 'Ben', phone: 'not a number' },
	{ name: 'Cat', phone: '0044 20 7183 8750' },
	{ name: 'Dan', phone: '+1-631-555-1000' },
	{ name: 'Eve', phone: 16315551001 },
];

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

function credentials(token = TOKEN) {
	return { accessToken: token, apiVersion: 'v23.0', baseUrl: simulator.baseUrl };
}

function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => (item.pairedItem as { item: number }).item);
}

test('Continue (using error output): successes on output 0, failures on output 1, nothing lost', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({ rows, onError: 'continueErrorOutput', options: DUPLICATE_IS_ERROR }),
		credentials(),
	);
	expect(result.error).toBeUndefined();
	const [success, failure] = result.outputs('Add Phone Number');
	expect(success.length + failure.length).toBe(rows.length);
	expect(pairedIndexes(success)).toEqual([0, 2, 4]);
	expect(pairedIndexes(failure)).toEqual([1, 3]);

	expect(success.map((i) => i.json.phone_number)).toEqual([
		'+16315551000',
		'+442071838750',
		'+16315551001',
	]);
	for (const item of success) {
		expect(item.json.id).toMatch(/^\d+$/);
		expect(item.json.business_id).toBe(BUSINESS);
	}
	expect(success[2].json.input).toBe(16315551001);

	// The engine merges the input row into error items, so the user sees which row failed.
	const [invalid, duplicate] = failure;
	expect(invalid.json.name).toBe('Ben');
	expect(invalid.json.error).toMatch(/"not a number" is not a phone number/);
	expect(invalid.json.details).toMatchObject({
		category: 'validation',
		retryable: false,
		httpCode: null,
		phone_number: { input: 'not a number', normalized: null },
	});
	expect(duplicate.json.name).toBe('Dan');
	expect(duplicate.json.details).toMatchObject({
		category: 'duplicate',
		httpCode: 400,
		code: 100,
		error_user_title: 'Phone number already added',
		phone_number: { input: '+1-631-555-1000', normalized: '+16315551000' },
	});
	// The invalid row never reached Meta; the others did, once each.
	expect(simulator.requests.filter((r) => r.path.endsWith('/add_phone_numbers'))).toHaveLength(4);
	expect(simulator.totalAdds()).toBe(3);
});

test('Continue (regular output): every item on output 0, in input order, errors included', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows,
			onError: 'continueRegularOutput',
			options: DUPLICATE_IS_ERROR,
		}),
		credentials(),
	);
	expect(result.error).toBeUndefined();
	const [out] = result.outputs('Add Phone Number');
	expect(out).toHaveLength(rows.length);
	expect(pairedIndexes(out)).toEqual([0, 1, 2, 3, 4]);
	expect(out.map((i) => (i.json.details as { category?: string })?.category ?? 'ok')).toEqual([
		'ok',
		'validation',
		'ok',
		'duplicate',
		'ok',
	]);
});

test('Stop Workflow: a bad row stops the run before anything is added', async () => {
	const result = await runWorkflow(addPhoneNumbersWorkflow({ rows }), credentials());
	expect(result.error).toBeDefined();
	expect(result.error?.message).toMatch(/"not a number" is not a phone number/);
	expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	expect(result.error?.name).toBe('NodeOperationError');
	expect(simulator.requests).toHaveLength(0);
	expect(simulator.totalAdds()).toBe(0);
});

test('Stop Workflow: an API failure throws NodeApiError with the item index and category', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '+16315551000' }, { phone: '+1 631 555 1000' }],
			options: DUPLICATE_IS_ERROR,
		}),
		credentials(),
	);
	expect(result.error?.name).toBe('NodeApiError');
	expect(result.error?.message).toMatch(/already been added/);
	expect((result.error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	expect((result.error as unknown as { httpCode: string }).httpCode).toBe('400');
	expect(result.error?.description).toMatch(/duplicate/);
});

test('a wrong token fails every item with category auth, and no token shows anywhere', async () => {
	const wrong = 'EAAWrongTokenVisibleNowhere77';
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({ rows, onError: 'continueErrorOutput', options: DUPLICATE_IS_ERROR }),
		credentials(wrong),
	);
	const [success, failure] = result.outputs('Add Phone Number');
	expect(success).toHaveLength(0);
	expect(failure).toHaveLength(rows.length);
	expect(
		failure.filter((i) => (i.json.details as { category: string }).category === 'auth'),
	).toHaveLength(4);
	const everything = JSON.stringify(result.run);
	expect(everything).not.toContain(wrong);
	expect(everything).not.toContain(TOKEN);
});

test('the token appears in no output item, error message or description, on any path', async () => {
	const stop = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '+16315551000' }, { phone: '+16315551000' }],
			options: DUPLICATE_IS_ERROR,
		}),
		credentials(),
	);
	const cont = await runWorkflow(
		addPhoneNumbersWorkflow({ rows, onError: 'continueErrorOutput', options: DUPLICATE_IS_ERROR }),
		credentials(),
	);
	for (const result of [stop, cont]) {
		const text =
			JSON.stringify(result.run) +
			String(result.error?.message) +
			String(result.error?.description);
		expect(text).not.toContain(TOKEN);
	}
	expect(stop.error).toBeDefined();
});

test('a business ID that is not digits is rejected per item before any request', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '+16315551000' }],
			businessId: '123/../me',
			onError: 'continueErrorOutput',
		}),
		credentials(),
	);
	const [, failure] = result.outputs('Add Phone Number');
	expect(failure).toHaveLength(1);
	expect(failure[0].json.error).toMatch(/Business ID "123\/..\/me" is not valid/);
	expect(simulator.requests).toHaveLength(0);
});

test('numbers without a country code use the Default Country', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '(631) 555-1000' }, { phone: '020 7183 8750' }],
			defaultCountry: 'US',
			onError: 'continueErrorOutput',
		}),
		credentials(),
	);
	const [success, failure] = result.outputs('Add Phone Number');
	expect(success.map((i) => i.json.phone_number)).toEqual(['+16315551000']);
	expect(failure).toHaveLength(1);
	expect(failure[0].json.details).toMatchObject({ category: 'validation' });
});
