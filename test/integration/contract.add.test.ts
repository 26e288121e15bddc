/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Contract: the Add request against Stoplight Prism serving Meta's own OpenAPI contract with
// --errors. Zero violations, and every documented error status maps to the right category.
import { addPhoneNumbersWorkflow, runWorkflow } from '../helpers/engine';
import { startPrism } from '../helpers/prism';
import type { PrismServer } from '../helpers/prism';

const TOKEN = 'EAAContractTestTokenZx81qQ';
let prism: PrismServer;

beforeAll(async () => {
	prism = await startPrism();
});

afterAll(async () => {
	await prism?.stop();
});

beforeEach(() => {
	prism.exchanges.length = 0;
	prism.prefer = undefined;
});

function credentials() {
	return { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: prism.baseUrl };
}

test("Add sends a request Meta's contract accepts, with zero violations", async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '+1 (631) 555-1000' }, { phone: '0044 20 7183 8750' }],
		}),
		credentials(),
	);
	expect(result.error).toBeUndefined();
	expect(prism.exchanges).toHaveLength(2);
	for (const exchange of prism.exchanges) {
		expect(exchange.violations).toEqual([]);
		expect(exchange.status).toBe(200);
		expect(exchange.method).toBe('POST');
		expect(exchange.path).toBe('/v23.0/1234567890123456/add_phone_numbers');
		expect(exchange.requestHeaders['user-agent']).toMatch(
			/^n8n-nodes-whatsapp-business-management\/\d+\.\d+\.\d+$/,
		);
		expect(exchange.requestHeaders.authorization).toBe(`Bearer ${TOKEN}`);
		expect(exchange.requestHeaders['content-type']).toMatch(/^application\/json/);
	}
	expect(prism.exchanges.map((e) => JSON.parse(e.requestBody))).toEqual([
		{ phone_number: '+16315551000' },
		{ phone_number: '+442071838750' },
	]);
	const [out] = result.outputs('Add Phone Number');
	expect(out.map((i) => i.json)).toEqual([
		{
			id: '1234567890123456',
			phone_number: '+16315551000',
			input: '+1 (631) 555-1000',
			business_id: '1234567890123456',
		},
		{
			id: '1234567890123456',
			phone_number: '+442071838750',
			input: '0044 20 7183 8750',
			business_id: '1234567890123456',
		},
	]);
});

// Status, expected category, and the Graph fields of the contract's example for that status.
const documented: Array<[number, string, Record<string, unknown>]> = [
	[400, 'validation', { code: 100, type: 'OAuthException', fbtrace_id: 'AXsgnV2Cm3ZMGF3dF_cfYIn' }],
	[401, 'auth', { code: 190, error_subcode: 463, type: 'OAuthException' }],
	[
		403,
		'permission',
		{
			code: 200,
			error_subcode: 1349174,
			error_user_title: 'Permission Denied',
			error_user_msg: "Your app doesn't have permission to access this resource",
		},
	],
	[404, 'not_found', { code: 803, type: 'GraphMethodException' }],
	[422, 'validation', { code: 100, type: 'GraphMethodException' }],
	[429, 'rate_limit', { code: 4, error_subcode: 2446079, is_transient: true }],
	[500, 'transient', { code: 2, is_transient: true, type: 'GraphMethodException' }],
];

test.each(documented)(
	'documented HTTP %i becomes category %s with every Graph field carried through',
	async (status, category, fields) => {
		prism.prefer = `code=${status}`;
		const result = await runWorkflow(
			addPhoneNumbersWorkflow({
				rows: [{ phone: '+1 631 555 1000' }],
				onError: 'continueErrorOutput',
				// One attempt: this test is about classification; retries are tested on their own.
				options: { maxAttempts: 1 },
			}),
			credentials(),
		);
		expect(result.error).toBeUndefined();
		expect(prism.exchanges).toHaveLength(1);
		expect(prism.exchanges[0].violations).toEqual([]);
		expect(prism.exchanges[0].status).toBe(status);
		const [success, failure] = result.outputs('Add Phone Number');
		expect(success).toHaveLength(0);
		expect(failure).toHaveLength(1);
		const { json } = failure[0];
		const details = json.details as Record<string, unknown>;
		expect(details.category).toBe(category);
		expect(details.httpCode).toBe(status);
		expect(details).toMatchObject(fields);
		const sent = JSON.parse(prism.exchanges[0].responseBody).error;
		for (const key of Object.keys(sent)) {
			expect(details[key]).toEqual(sent[key]);
		}
		expect(details.phone_number).toEqual({ input: '+1 631 555 1000', normalized: '+16315551000' });
		expect(String(json.error)).toContain(`HTTP ${status}`);
		expect(JSON.stringify(failure)).not.toContain(TOKEN);
	},
);
