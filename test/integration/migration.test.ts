/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// A number brought from another provider (issue 34; Meta's "Migrating a business phone number
// from one Solution Partner to another programmatically"): Add to WhatsApp Business Account with
// Migrate From Another Provider, then Request Verification Code, Verify Code and Register, in
// n8n's engine against the simulator. The number keeps its display name and quality; each of
// Meta's refusals has its own error saying what to do; sent once after an applied 500; a number
// already migrated is a success.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAMigrationSecretTokenH5c1';
const PARTNER = '1234567890123456';
const OTHER_PROVIDER = '7777777777777777';
const CLIENT_WABA = '2000000000000002';
const SOURCE_WABA = '2000000000000077';
const SOURCE_PHONE = '1906385232749001';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [PARTNER, OTHER_PROVIDER],
		wabas: [
			{ id: CLIENT_WABA, businessId: PARTNER, name: "Jasper's Market", client: true },
			{ id: SOURCE_WABA, businessId: OTHER_PROVIDER, name: 'At the old provider' },
		],
	});
	await simulator.start();
	simulator.seedConnectedPhoneNumber(SOURCE_PHONE, '6315559001', {
		wabaId: SOURCE_WABA,
		verified_name: "Jasper's Market",
		quality_rating: 'YELLOW',
		whatsapp_business_manager_messaging_limit: 'TIER_10K',
	});
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function phone(operation: string, parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: {
			resource: 'phoneNumber',
			operation,
			options: { maxAttempts: 3, initialRetryDelayMs: 0 },
			...parameters,
		},
		rows,
		credentials: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		secrets: [TOKEN],
	});
}

const migrate = (options: IDataObject = {}) =>
	phone('addToWaba', {
		wabaId: locator(CLIENT_WABA),
		phoneNumber: '+1 631 555 9001',
		options: { maxAttempts: 3, initialRetryDelayMs: 0, migratePhoneNumber: true, ...options },
	});
const posts = () =>
	simulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/phone_numbers'));

test('migrated into the client’s WABA, its code requested and verified, registered: CONNECTED with its display name and quality', async () => {
	const added = await migrate();
	expect(added.failure).toEqual([]);
	const id = String(added.success[0].json.id);
	expect(added.success[0].json).toMatchObject({
		phone_number: '+16315559001',
		waba_id: CLIENT_WABA,
		migrated: true,
		alreadyMigrated: false,
	});
	expect(added.success[0].json).not.toHaveProperty('verified_name');
	expect(posts()[0].body).toEqual({
		cc: '1',
		phone_number: '6315559001',
		migrate_phone_number: true,
	});
	// Until it is registered at the destination, the source keeps it.
	expect(simulator.phoneNumbers.has(SOURCE_PHONE)).toBe(true);

	await phone('requestCode', { phoneNumberId: locator(id), codeMethod: 'SMS', language: 'en_US' });
	const verified = await phone('verifyCode', {
		phoneNumberId: locator(id),
		code: simulator.lastCode(id) ?? '',
	});
	expect(verified.success[0].json).toMatchObject({ verified: true });
	const registered = await phone('register', { phoneNumberId: locator(id), pin: '246810' });
	expect(registered.success[0].json).toMatchObject({ registered: true });
	const got = await phone('get', { phoneNumberId: locator(id) });
	expect(got.success[0].json).toMatchObject({
		status: 'CONNECTED',
		verified_name: "Jasper's Market",
		quality_rating: 'YELLOW',
		messaging_limit: '10K',
	});
	expect(simulator.phoneNumbers.has(SOURCE_PHONE)).toBe(false);

	// Run again: the number is already here, a success, nothing sent.
	const again = await migrate();
	expect(again.success[0].json).toMatchObject({ id, migrated: true, alreadyMigrated: true });
	expect(posts()).toHaveLength(1);
});

test('a migration Meta applied, then answered 500: one number moved, a success item', async () => {
	simulator.script.push({
		action: 'appliedThenFail',
		when: { method: 'POST', pathEndsWith: '/phone_numbers' },
	});
	const { success, failure } = await migrate();
	expect(failure).toEqual([]);
	expect(success[0].json).toMatchObject({ migrated: true });
	expect(posts()).toHaveLength(1);
	expect([...simulator.phoneNumbers.values()].filter((p) => p.wabaId === CLIENT_WABA)).toHaveLength(
		1,
	);
});

test.each([
	[
		'two-step verification still on at the old provider',
		() => {
			simulator.phoneNumbers.get(SOURCE_PHONE)!.pin = '111111';
		},
		/^Meta refused the migration \(code 100\): .*Two-step verification is enabled.*Ask the client to turn off two-step verification for the number at its current provider/,
	],
	[
		'the business not verified',
		() => {
			simulator.wabas.get(CLIENT_WABA)!.business_verification_status = 'NOT_VERIFIED';
		},
		/^Meta refused the migration \(code 100\): .*not verified\. The client's business must be verified first \(Meta Business Suite → Security Center/,
	],
	[
		'the destination WABA not approved',
		() => {
			simulator.wabas.get(CLIENT_WABA)!.account_review_status = 'PENDING';
		},
		/^Meta refused the migration \(code 100\): .*is not approved\. This WABA must be approved by Meta/,
	],
	[
		'a number at no other provider',
		() => {
			simulator.phoneNumbers.delete(SOURCE_PHONE);
		},
		/^Meta refused the migration \(code 100\): .*add it without Migrate From Another Provider/,
	],
])("Meta's refusal, %s: its own error, what to do", async (_, arrange, message) => {
	arrange();
	const { failure } = await migrate();
	expect(String(failure[0].json.error)).toMatch(message);
	expect((failure[0].json.details as IDataObject).category).toBe('validation');
});

test('Migrate and a Pre-Verified Number ID together are refused before any request', async () => {
	const { failure } = await migrate({ preverifiedId: '123456789' });
	expect(String(failure[0].json.error)).toMatch(
		/^Migrate From Another Provider and Pre-Verified Number ID do not go together/,
	);
	expect(simulator.requests.filter((r) => r.path.startsWith('/v23.0/'))).toHaveLength(0);
});
