/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The Phone Number resource in n8n's engine against the simulator: the pool-to-ready example,
// Meta's registration rules and their messages, every operation's items in = items out, and
// the two-step PIN kept out of every output and error.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import {
	GraphApiSimulator,
	SIMULATOR_APP,
	SIMULATOR_WABA_ID,
} from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow, stockNodeTypes } from '../helpers/engine';
import type { RunResult, WorkflowFile } from '../helpers/engine';

const TOKEN = 'EAAPhoneNumberSecretTokenV7r2';
const BUSINESS = '1234567890123456';
const PIN = '246810';
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
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** Runs one Phone Number operation over `rows`, errors on the error output. */
async function phoneNumbers(
	operation: string,
	parameters: INodeParameters,
	rows: IDataObject[] = [{ row: 1 }],
	onError: 'continueErrorOutput' | 'stopWorkflow' = 'continueErrorOutput',
) {
	const result = await runWorkflow(
		nodeWorkflow({
			rows,
			onError,
			parameters: {
				resource: 'phoneNumber',
				operation,
				options: { maxAttempts: 1 },
				...parameters,
			},
		}),
		credentials(),
	);
	const [success = [], failure = []] = result.outputs('WhatsApp');
	if (onError === 'continueErrorOutput') {
		expect(result.error).toBeUndefined();
		expect(success.length + failure.length).toBeGreaterThanOrEqual(rows.length);
		const paired = new Set(
			[...success, ...failure].map((i) => (i.pairedItem as { item: number }).item),
		);
		expect(paired.size).toBe(rows.length);
	}
	return { result, success, failure };
}

const category = (item: { json: IDataObject }) => (item.json.details as IDataObject).category;
/**
 * Neither the token nor the PIN in what the node wrote: its items, and the error it threw with
 * its message, description and details. (n8n itself keeps the workflow's parameters, the PIN
 * field among them, in its copy of the workflow: that is n8n's storage, not the node's output.)
 */
const noSecrets = (result: RunResult) => {
	const written = JSON.stringify({
		items: result.run.data.resultData.runData.WhatsApp?.map((run) => run.data),
		error: result.error && {
			message: result.error.message,
			description: result.error.description,
			details: (result.error as unknown as IDataObject).errorResponse,
			stack: result.error.stack,
		},
	});
	expect(written).not.toContain(TOKEN);
	expect(written).not.toContain(PIN);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
};

/** A WABA number with a verified code, as after a claim: ready to register. */
async function verifiedWabaNumber(phone = '+1 631 555 4000'): Promise<string> {
	const { success } = await phoneNumbers('addToWaba', {
		wabaId: locator(SIMULATOR_WABA_ID),
		phoneNumber: phone,
		verifiedName: "Jasper's Market",
	});
	const id = String(success[0].json.id);
	await phoneNumbers('requestCode', { phoneNumberId: locator(id), codeMethod: 'SMS' });
	const code = simulator.lastCode(id) as string;
	await phoneNumbers('verifyCode', { phoneNumberId: locator(id), code });
	return id;
}

test('examples/pool-to-ready.workflow.json: pool, verify, claim into the WABA, register, subscribe, profile: ready to message', async () => {
	const text = readFileSync(join(__dirname, '../../examples/pool-to-ready.workflow.json'), 'utf8');
	const workflow = JSON.parse(
		text.split('http://127.0.0.1:18787').join(simulator.baseUrl),
	) as WorkflowFile;
	const result = await runWorkflow(workflow, credentials(), stockNodeTypes(source));
	expect(result.error).toBeUndefined();
	const only = (name: string) => {
		const [items = []] = result.outputs(name);
		expect(items).toHaveLength(1);
		return items[0].json;
	};
	const pooled = only('Add to Pool');
	const claimed = only("Add to the Client's WABA");
	expect(claimed).toMatchObject({
		phone_number: '+16315553000',
		cc: '1',
		national_number: '6315553000',
		verified_name: "Jasper's Market",
		waba_id: SIMULATOR_WABA_ID,
		preverified_id: pooled.id,
	});
	expect(only('Register')).toEqual({ id: claimed.id, success: true, registered: true });
	expect(only('Get')).toMatchObject({
		id: claimed.id,
		display_phone_number: '+1 631-555-3000',
		status: 'CONNECTED',
		code_verification_status: 'VERIFIED',
		is_connected: true,
		quality: 'high',
		is_pin_enabled: true,
	});
	// Claimed: the number left the partner's pool.
	expect(simulator.numbers.has(String(pooled.id))).toBe(false);
	// Ready to message: the partner's app receives the WABA's webhooks, the profile is set.
	expect(only('Subscribe App to Webhooks')).toEqual({
		waba_id: SIMULATOR_WABA_ID,
		success: true,
		subscribed: true,
	});
	expect(simulator.wabas.get(SIMULATOR_WABA_ID)?.subscribedApps).toEqual([SIMULATOR_APP]);
	expect(only('Update Business Profile')).toMatchObject({
		id: claimed.id,
		success: true,
		updated: ['about', 'email', 'vertical', 'websites'],
	});
	expect(only('Get Business Profile')).toEqual({
		id: claimed.id,
		about: 'Fresh fruit and vegetables, every day',
		email: 'hello@jaspers-market.example',
		vertical: 'GROCERY',
		websites: ['https://jaspers-market.example'],
	});
	noSecrets(result);
});

test('a number splits into cc and national number as Meta asks, from any format Add accepts', async () => {
	const rows = [
		{ phone: '+44 20 7183 8750', country: '' },
		{ phone: '0044 20 7183 8751', country: '' },
		{ phone: '(631) 555-1000', country: 'US' },
		{ phone: '030 901820', country: 'DE' },
		{ phone: 'not a number', country: '' },
	];
	const { success, failure } = await phoneNumbers(
		'addToWaba',
		{
			wabaId: locator(SIMULATOR_WABA_ID),
			phoneNumber: '={{ $json.phone }}',
			defaultCountry: '={{ $json.country }}',
			verifiedName: 'Simulator Shop',
		},
		rows,
	);
	expect(success.map((i) => [i.json.cc, i.json.national_number])).toEqual([
		['44', '2071838750'],
		['44', '2071838751'],
		['1', '6315551000'],
		['49', '30901820'],
	]);
	expect(failure).toHaveLength(1);
	expect(failure[0].json.details).toMatchObject({
		category: 'validation',
		phone_number: { input: 'not a number', normalized: null },
	});
	const stored = [...simulator.phoneNumbers.values()].map((p) => `${p.cc}:${p.national}`);
	expect(stored).toEqual(['44:2071838750', '44:2071838751', '1:6315551000', '49:30901820']);
});

test('Register needs a verified number, then sets the PIN; a wrong PIN after that is refused', async () => {
	const { success } = await phoneNumbers('addToWaba', {
		wabaId: locator(SIMULATOR_WABA_ID),
		phoneNumber: '+1 631 555 4100',
		verifiedName: 'Unverified Shop',
	});
	const unverified = String(success[0].json.id);
	const early = await phoneNumbers('register', { phoneNumberId: locator(unverified), pin: PIN });
	expect(early.failure).toHaveLength(1);
	expect(category(early.failure[0])).toBe('validation');
	expect(early.failure[0].json.error).toMatch(
		/code 133006.*Verify the number first \(Request Verification Code, then Verify Code\), then Register\./,
	);

	const id = await verifiedWabaNumber();
	const ok = await phoneNumbers('register', { phoneNumberId: locator(id), pin: PIN });
	expect(ok.success.map((i) => i.json)).toEqual([{ id, success: true, registered: true }]);
	noSecrets(ok.result);
	const wrong = await phoneNumbers('register', { phoneNumberId: locator(id), pin: '135791' });
	expect(category(wrong.failure[0])).toBe('validation');
	expect(wrong.failure[0].json.error).toMatch(/code 133005.*use the PIN set for this number/);
	expect(JSON.stringify(wrong.result.run)).not.toContain('135791');
	expect((wrong.failure[0].json.details as IDataObject).attempts).toBe(1);
});

test("Meta's 10 register and deregister calls in 72 hours: the 11th fails at once as rate_limit", async () => {
	const id = await verifiedWabaNumber();
	const calls: string[] = [];
	for (let i = 0; i < 5; i++) calls.push('register', 'deregister');
	for (const operation of calls) {
		const { failure } = await phoneNumbers(operation, { phoneNumberId: locator(id), pin: PIN });
		expect(failure).toHaveLength(0);
	}
	const before = simulator.requests.length;
	const { failure } = await phoneNumbers('register', {
		phoneNumberId: locator(id),
		pin: PIN,
		options: { maxAttempts: 5 },
	});
	expect(category(failure[0])).toBe('rate_limit');
	expect(failure[0].json.error).toMatch(/code 133016.*Meta allows 10 in 72 hours/);
	// Not retried: retrying inside the 72 hours only spends more of the allowance.
	expect(simulator.requests.length - before).toBe(1);
	// Three days later the allowance is back.
	simulator.advanceClock(72 * 3_600_000);
	const later = await phoneNumbers('register', { phoneNumberId: locator(id), pin: PIN });
	expect(later.success).toHaveLength(1);
});

test('Deregister, Set PIN and Request Display Name Change show in Get', async () => {
	const id = await verifiedWabaNumber();
	await phoneNumbers('register', { phoneNumberId: locator(id), pin: PIN });
	const off = await phoneNumbers('deregister', { phoneNumberId: locator(id) });
	expect(off.success[0].json).toEqual({ id, success: true, deregistered: true });
	const pin = await phoneNumbers('setPin', { phoneNumberId: locator(id), pin: '975310' });
	expect(pin.success[0].json).toEqual({ id, success: true, two_step_verification: 'set' });
	expect(JSON.stringify(pin.result.run)).not.toContain('975310');
	expect(simulator.phoneNumbers.get(id)?.pin).toBe('975310');
	const name = await phoneNumbers('requestDisplayNameChange', {
		phoneNumberId: locator(id),
		newDisplayName: "Jasper's Fresh Market",
	});
	expect(name.success[0].json).toEqual({
		id,
		success: true,
		new_display_name: "Jasper's Fresh Market",
	});
	const { success } = await phoneNumbers('get', { phoneNumberId: locator(id) });
	expect(success[0].json).toMatchObject({
		status: 'DISCONNECTED',
		is_connected: false,
		name_status: 'PENDING_REVIEW',
		new_name_status: 'PENDING_REVIEW',
	});
});

test('Get Many follows the cursors with Return All and stops at the Limit', async () => {
	for (let i = 0; i < 5; i++) {
		await phoneNumbers('addToWaba', {
			wabaId: locator(SIMULATOR_WABA_ID),
			phoneNumber: `+1 631 555 ${5000 + i}`,
			verifiedName: `Shop ${i}`,
		});
	}
	const all = await phoneNumbers('getMany', {
		wabaId: locator(SIMULATOR_WABA_ID),
		returnAll: true,
	});
	expect(all.success.map((i) => i.json.verified_name)).toEqual([
		'Shop 0',
		'Shop 1',
		'Shop 2',
		'Shop 3',
		'Shop 4',
	]);
	expect(all.success[0].json).toMatchObject({ status: 'PENDING', is_connected: false });
	const two = await phoneNumbers('getMany', {
		wabaId: locator(SIMULATOR_WABA_ID),
		returnAll: false,
		limit: 2,
	});
	expect(two.success).toHaveLength(2);
});

describe('the PIN is a secret', () => {
	test('a PIN that is not 6 digits fails before any request, and the message does not quote it', async () => {
		const rows = [{ pin: '12345' }, { pin: '12345678' }, { pin: 'abcdef' }, { pin: PIN }];
		const id = await verifiedWabaNumber();
		const before = simulator.requests.length;
		const { success, failure, result } = await phoneNumbers(
			'register',
			{ phoneNumberId: locator(id), pin: '={{ $json.pin }}' },
			rows,
		);
		expect(success).toHaveLength(1);
		expect(failure.map(category)).toEqual(['validation', 'validation', 'validation']);
		for (const item of failure) {
			expect(item.json.error).toMatch(/PIN is not valid: use exactly 6 digits/);
			for (const pin of ['12345', '12345678', 'abcdef']) {
				expect(String(item.json.error)).not.toContain(pin);
				expect(JSON.stringify(item.json.details)).not.toContain(pin);
			}
		}
		expect(simulator.requests.length - before).toBe(1);
		// n8n merges the input row (the user's own data, here with a `pin` column) into each
		// error item; what the node wrote holds no PIN.
		for (const item of [...success, ...failure]) {
			const { pin: fromTheRow, ...written } = item.json;
			expect(fromTheRow === undefined || item.json.error !== undefined).toBe(true);
			expect(JSON.stringify(written)).not.toMatch(/12345|abcdef|246810/);
		}
		expect(success[0].json).toEqual({ id, success: true, registered: true });
		noSecrets(result);
	});

	test("Meta's error text that echoes the PIN is redacted, and the stopped run's error holds no PIN", async () => {
		const id = await verifiedWabaNumber();
		simulator.script.push({
			status: 400,
			body: JSON.stringify({
				error: {
					message: `PIN ${PIN} does not match`,
					type: 'OAuthException',
					code: 133005,
					error_user_msg: `The PIN ${PIN} is wrong`,
				},
			}),
		});
		const { result } = await phoneNumbers(
			'register',
			{ phoneNumberId: locator(id), pin: PIN },
			[{ row: 1 }],
			'stopWorkflow',
		);
		expect(result.error?.message).toMatch(/code 133005.*\[redacted\]/);
		noSecrets(result);
	});
});
