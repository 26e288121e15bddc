/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The whole pre-verified number lifecycle in n8n's engine against the simulator, as the
// example workflow does it: add, request code, verify, get (VERIFIED, 90 days), get many,
// delete, get (not_found). Also Return All over several pages, and Validate Only.
import { readFileSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import {
	addPhoneNumbersWorkflow,
	nodeWorkflow,
	runWorkflow,
	stockNodeTypes,
} from '../helpers/engine';
import type { WorkflowFile } from '../helpers/engine';

const TOKEN = 'EAALifecycleSecretTokenP2q9Ws';
const BUSINESS = '1234567890123456';
const source = join(
	__dirname,
	'../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.ts',
);
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

const credentials = () => ({ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl });

test('examples/pre-verified-number-lifecycle.workflow.json walks the lifecycle', async () => {
	const text = readFileSync(
		join(__dirname, '../../examples/pre-verified-number-lifecycle.workflow.json'),
		'utf8',
	);
	const workflow = JSON.parse(
		text.split('http://127.0.0.1:18787').join(simulator.baseUrl),
	) as WorkflowFile;
	const result = await runWorkflow(workflow, credentials(), stockNodeTypes(source));
	expect(result.error).toBeUndefined();
	const only = (name: string, output = 0) => {
		const items = result.outputs(name)[output] ?? [];
		expect(items).toHaveLength(1);
		return items[0].json;
	};
	const added = only('Add Phone Number');
	expect(added).toMatchObject({ phone_number: '+16315552000', business_id: BUSINESS });
	const id = String(added.id);
	expect(only('Request Verification Code')).toEqual({
		id,
		success: true,
		code_method: 'SMS',
		language: 'en_US',
	});
	expect(only('Verify Code')).toEqual({ id, success: true, verified: true });

	const got = only('Get');
	expect(got).toMatchObject({
		id,
		code_verification_status: 'VERIFIED',
		owner_business: { id: BUSINESS },
	});
	expect(got.expires_in_days).toBeGreaterThanOrEqual(89);
	expect(got.expires_in_days).toBeLessThanOrEqual(90);

	expect(only('Get Many')).toMatchObject({ id, code_verification_status: 'VERIFIED' });
	expect(only('Delete')).toEqual({ id, deleted: true, success: true });
	expect(result.outputs('Get After Delete')[0]).toHaveLength(0);
	expect(only('Get After Delete', 1)).toMatchObject({
		details: { category: 'not_found', httpCode: 404, code: 803 },
	});
	expect(simulator.numbers.size).toBe(0);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
});

test('a wrong code is rejected by Meta; a code that is not 6 digits is rejected before any request', async () => {
	const add = await runWorkflow(
		addPhoneNumbersWorkflow({ rows: [{ phone: '+1 631 555 2001' }] }),
		credentials(),
	);
	const id = String(add.outputs('Add Phone Number')[0][0].json.id);
	const rl = { __rl: true, mode: 'id', value: id };
	await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			parameters: {
				operation: 'requestCode',
				preVerifiedNumberId: rl,
				codeMethod: 'VOICE',
				language: 'pt_BR',
			},
		}),
		credentials(),
	);
	const before = simulator.requests.length;
	const verify = await runWorkflow(
		nodeWorkflow({
			rows: [{ code: '000000' }, { code: '12a456' }, { code: 12345 }],
			onError: 'continueErrorOutput',
			parameters: {
				operation: 'verifyCode',
				preVerifiedNumberId: rl,
				code: '={{ $json.code }}',
				options: { maxAttempts: 1 },
			},
		}),
		credentials(),
	);
	const [, failure] = verify.outputs('WhatsApp');
	expect(failure.map((i) => (i.json.details as { category: string }).category)).toEqual([
		'validation',
		'validation',
		'validation',
	]);
	expect(failure[0].json.error).toMatch(/HTTP 400.*incorrect/);
	expect(failure[1].json.error).toMatch(/Code "12a456" is not valid/);
	// 12345 as a number cell is 012345: well-formed, so Meta judges it.
	expect(simulator.requests.length - before).toBe(2);
});

test('Get Many with Return All over 4 pages returns every number exactly once', async () => {
	const phones = Array.from({ length: 7 }, (_, i) => ({ phone: `+1 631 555 ${3000 + i}` }));
	await runWorkflow(addPhoneNumbersWorkflow({ rows: phones }), credentials());
	expect(simulator.numbers.size).toBe(7);
	simulator.requests.length = 0;
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			parameters: {
				operation: 'getMany',
				businessId: BUSINESS,
				returnAll: true,
				options: { pageSize: 2 },
			},
		}),
		credentials(),
	);
	const [items] = result.outputs('WhatsApp');
	const ids = items.map((i) => String(i.json.id));
	expect(ids).toHaveLength(7);
	expect(new Set(ids)).toEqual(new Set(simulator.numbers.keys()));
	expect(simulator.requests.filter((r) => r.path.endsWith('/preverified_numbers'))).toHaveLength(4);
	for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });

	const limited = await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			parameters: {
				operation: 'getMany',
				businessId: BUSINESS,
				returnAll: false,
				limit: 3,
				options: { pageSize: 2 },
			},
		}),
		credentials(),
	);
	expect(limited.outputs('WhatsApp')[0]).toHaveLength(3);

	const filtered = await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			parameters: {
				operation: 'getMany',
				businessId: BUSINESS,
				returnAll: true,
				filters: { phoneNumber: '(631) 555-3004', defaultCountry: 'US' },
			},
		}),
		credentials(),
	);
	expect(filtered.outputs('WhatsApp')[0].map((i) => i.json.phone_number)).toEqual([
		'+1 631-555-3004',
	]);
});

test('Validate Only previews every row without calling Meta', async () => {
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [{ phone: '+44 20 7183 8750' }, { phone: '(631) 555-1000' }, { phone: 'nope' }],
			defaultCountry: 'US',
			onError: 'continueErrorOutput',
			options: { validateOnly: true },
		}),
		credentials(),
	);
	const [success, failure] = result.outputs('Add Phone Number');
	expect(success.map((i) => i.json)).toEqual([
		{
			phone_number: '+442071838750',
			input: '+44 20 7183 8750',
			country: 'GB',
			calling_code: '44',
			number_type: 'FIXED_LINE',
			valid: true,
		},
		{
			phone_number: '+16315551000',
			input: '(631) 555-1000',
			country: 'US',
			calling_code: '1',
			number_type: 'FIXED_LINE_OR_MOBILE',
			valid: true,
		},
	]);
	expect(failure).toHaveLength(1);
	expect(simulator.requests).toHaveLength(0);
});

test('Validate Only shows what it read from numbers in other scripts, markers and labels', async () => {
	// [input, Default Country, E.164, country, calling code, number type]
	const read = [
		['＋４４（０）２０ ７１８３ ８７５０', '', '+442071838750', 'GB', '44', 'FIXED_LINE'],
		['٠٥٠ ١٢٣ ٤٥٦٧', 'AE', '+971501234567', 'AE', '971', 'MOBILE'],
		['۰۹۱۲ ۳۴۵ ۶۷۸۹', 'IR', '+989123456789', 'IR', '98', 'MOBILE'],
		['="0612345678"', 'FR', '+33612345678', 'FR', '33', 'MOBILE'],
		['WhatsApp: +49 1512 3456789,', '', '+4915123456789', 'DE', '49', 'MOBILE'],
		['(+91) 81234 56789', '', '+918123456789', 'IN', '91', 'MOBILE'],
	];
	const twoNumbers = { phone: '+44 20 7183 8750, +44 20 7183 8751', country: '' };
	const result = await runWorkflow(
		addPhoneNumbersWorkflow({
			rows: [...read.map(([phone, country]) => ({ phone, country })), twoNumbers],
			defaultCountry: '={{ $json.country }}',
			onError: 'continueErrorOutput',
			options: { validateOnly: true },
		}),
		credentials(),
	);
	const [success, failure] = result.outputs('Add Phone Number');
	expect(success.map((i) => i.json)).toEqual(
		read.map(([input, , phone_number, country, calling_code, number_type]) => ({
			phone_number,
			input,
			country,
			calling_code,
			number_type,
			valid: true,
		})),
	);
	expect(failure).toHaveLength(1);
	expect(failure[0].json.error).toContain('holds two phone numbers');
	expect(failure[0].pairedItem).toEqual({ item: read.length });
	expect(simulator.requests).toHaveLength(0);
});

// A literal bad ID never runs (the field's regex makes it a node issue in n8n); one that an
// expression produces must be caught by the node.
test('every operation on one number rejects an ID that is not digits before any request', async () => {
	for (const operation of ['get', 'delete', 'requestCode', 'verifyCode']) {
		const result = await runWorkflow(
			nodeWorkflow({
				rows: [{ id: '12/../me' }],
				onError: 'continueErrorOutput',
				parameters: {
					operation,
					preVerifiedNumberId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					code: '123456',
				},
			}),
			credentials(),
		);
		const [, failure] = result.outputs('WhatsApp');
		expect(failure[0].json.error).toMatch(/Pre-verified number ID "12\/..\/me" is not valid/);
	}
	expect(simulator.requests).toHaveLength(0);
});

test('Share with Partner, Get Partners, Stop Sharing: the partner list follows', async () => {
	const add = await runWorkflow(
		addPhoneNumbersWorkflow({ rows: [{ phone: '+1 631 555 7000' }] }),
		credentials(),
	);
	const id = String(add.outputs('Add Phone Number')[0][0].json.id);
	const number = { __rl: true, mode: 'id', value: id };
	const run = async (operation: string, parameters: Record<string, unknown> = {}) => {
		const result = await runWorkflow(
			nodeWorkflow({
				rows: [{ row: 1 }],
				onError: 'continueErrorOutput',
				parameters: { operation, businessId: BUSINESS, preVerifiedNumberId: number, ...parameters },
			}),
			credentials(),
		);
		expect(result.error).toBeUndefined();
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		return result.outputs('WhatsApp');
	};
	const [shared] = await run('share', { partnerBusinessId: '9876543210987654' });
	expect(shared.map((i) => i.json)).toEqual([
		{ id, partner_business_id: '9876543210987654', shared: true, success: true },
	]);
	await run('share', { partnerBusinessId: '5555555555555555' });
	const [partners] = await run('getPartners');
	expect(partners.map((i) => i.json.id)).toEqual(['9876543210987654', '5555555555555555']);
	expect(partners[0].json).toMatchObject({ preverified_id: id, name: 'Partner 9876543210987654' });
	const [stopped] = await run('stopSharing', { partnerBusinessId: '9876543210987654' });
	expect(stopped[0].json).toMatchObject({ shared: false, success: true });
	expect(simulator.requests.at(-1)).toMatchObject({
		method: 'DELETE',
		path: `/v23.0/${BUSINESS}/share_preverified_numbers`,
	});
	const [after] = await run('getPartners');
	expect(after.map((i) => i.json.id)).toEqual(['5555555555555555']);
	const [bad, badErrors] = await run('share', { partnerBusinessId: 'partner-1' });
	expect(bad).toHaveLength(0);
	expect(badErrors[0].json.error).toMatch(/Partner Business ID "partner-1" is not valid/);
});
