/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Onboarding a client in n8n's engine against the simulator: the WhatsApp Business Account
// resource (get, list, webhooks), the number's business profile and conversational automation,
// and QR codes with their images as binary data. Every input item comes out once; bad input is
// refused per item before any request; the verify token never appears in an output.
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	GraphApiSimulator,
	SIMULATOR_APP,
	SIMULATOR_WABA_ID,
} from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAAOnboardingSecretTokenQ4w9';
const VERIFY_TOKEN = 'verify-me-Zx81Kq';
const BUSINESS = '1234567890123456';
const CLIENT_WABA = '2000000000000002';
const PHONE = '1906385232743451';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS],
		wabas: [
			{ id: SIMULATOR_WABA_ID, businessId: BUSINESS, name: 'Partner WABA' },
			{ id: CLIENT_WABA, businessId: BUSINESS, name: "Jasper's Market", client: true },
		],
	});
	await simulator.start();
	simulator.seedConnectedPhoneNumber(PHONE, '6315551000', { wabaId: CLIENT_WABA });
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

/** Runs one operation over `rows` with errors on the error output; checks items in = items out. */
async function run(
	resource: string,
	operation: string,
	parameters: INodeParameters,
	rows: IDataObject[] = [{ row: 1 }],
) {
	const result = await runWorkflow(
		nodeWorkflow({
			rows,
			onError: 'continueErrorOutput',
			parameters: { resource, operation, options: { maxAttempts: 1 }, ...parameters },
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('WhatsApp');
	const paired = [...success, ...failure].map((i) => (i.pairedItem as { item: number }).item);
	expect(new Set(paired).size).toBe(rows.length);
	const text = JSON.stringify(result.run);
	expect(text).not.toContain(TOKEN);
	expect(text).not.toContain(VERIFY_TOKEN);
	return { success, failure };
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

describe('WhatsApp Business Account', () => {
	test('Get returns the account fields; Get Many lists owned and client WABAs with their ownership', async () => {
		const one = await run('whatsAppBusinessAccount', 'get', { wabaId: locator(CLIENT_WABA) });
		expect(one.success[0].json).toMatchObject({
			id: CLIENT_WABA,
			name: "Jasper's Market",
			currency: 'USD',
			account_review_status: 'APPROVED',
			ownership_type: 'CLIENT_OWNED',
		});
		const many = await run('whatsAppBusinessAccount', 'getMany', {
			businessId: BUSINESS,
			returnAll: true,
		});
		expect(many.success.map((i) => [i.json.id, i.json.ownership])).toEqual([
			[SIMULATOR_WABA_ID, 'owned'],
			[CLIENT_WABA, 'client'],
		]);
		const clients = await run('whatsAppBusinessAccount', 'getMany', {
			businessId: BUSINESS,
			ownership: 'client',
			returnAll: false,
			limit: 5,
		});
		expect(clients.success.map((i) => i.json.id)).toEqual([CLIENT_WABA]);
	});

	test('Subscribe, Get Subscribed Apps, Unsubscribe: the app receives the WABA webhooks, then not', async () => {
		const subscribed = await run('whatsAppBusinessAccount', 'subscribeApp', {
			wabaId: locator(CLIENT_WABA),
			options: {
				maxAttempts: 1,
				overrideCallbackUrl: 'https://hooks.example.com/whatsapp',
				verifyToken: VERIFY_TOKEN,
			},
		});
		expect(subscribed.success[0].json).toEqual({
			waba_id: CLIENT_WABA,
			success: true,
			subscribed: true,
			override_callback_uri: 'https://hooks.example.com/whatsapp',
		});
		const apps = await run('whatsAppBusinessAccount', 'getSubscribedApps', {
			wabaId: locator(CLIENT_WABA),
		});
		expect(apps.success[0].json).toEqual({
			waba_id: CLIENT_WABA,
			subscribed_apps: [
				// Meta's answer nests the app with its link; the node keeps it (issue 24).
				{
					...SIMULATOR_APP,
					link: 'https://example.com/app',
					override_callback_uri: 'https://hooks.example.com/whatsapp',
				},
			],
			count: 1,
		});
		await run('whatsAppBusinessAccount', 'unsubscribeApp', { wabaId: locator(CLIENT_WABA) });
		const after = await run('whatsAppBusinessAccount', 'getSubscribedApps', {
			wabaId: locator(CLIENT_WABA),
		});
		expect(after.success[0].json.count).toBe(0);
	});

	test.each([
		[{ overrideCallbackUrl: 'http://hooks.example.com/whatsapp', verifyToken: 'x' }, 'https'],
		[{ overrideCallbackUrl: 'https://hooks.example.com/whatsapp' }, 'needs its Verify Token'],
		[{ verifyToken: VERIFY_TOKEN }, 'Override Callback URL is empty'],
	])('Subscribe refuses %j before any request', async (override, message) => {
		const { failure } = await run('whatsAppBusinessAccount', 'subscribeApp', {
			wabaId: locator(CLIENT_WABA),
			options: { maxAttempts: 1, ...override },
		});
		expect(String(failure[0].json.error)).toContain(message);
		expect(graphCalls()).toHaveLength(0);
	});
});

describe('business profile and conversational automation', () => {
	test('Update sends only the fields set; Get reads them back', async () => {
		const updated = await run('phoneNumber', 'updateBusinessProfile', {
			phoneNumberId: locator(PHONE),
			updateFields: {
				about: 'Fresh fruit, every day 🍓',
				email: 'hello@jaspers.example',
				vertical: 'GROCERY',
				websites: 'https://jaspers.example, https://shop.jaspers.example',
			},
		});
		expect(updated.success[0].json).toMatchObject({
			id: PHONE,
			success: true,
			updated: ['about', 'email', 'vertical', 'websites'],
		});
		const profile = await run('phoneNumber', 'getBusinessProfile', {
			phoneNumberId: locator(PHONE),
		});
		expect(profile.success[0].json).toEqual({
			id: PHONE,
			about: 'Fresh fruit, every day 🍓',
			email: 'hello@jaspers.example',
			vertical: 'GROCERY',
			websites: ['https://jaspers.example', 'https://shop.jaspers.example'],
		});
	});

	// Each case: a bad row and a good one with the same fields, as a spreadsheet would hand them.
	test.each([
		[
			{ about: 'x'.repeat(140) },
			{ about: 'Fresh fruit' },
			'About is 140 characters long; Meta allows at most 139. Shorten it by 1.',
		],
		[{ email: 'hello at jaspers' }, { email: 'hello@jaspers.example' }, 'is not an email address'],
		[
			{ websites: 'https://a.example, https://b.example, https://c.example' },
			{ websites: 'https://a.example' },
			'at most 2',
		],
		[
			{ websites: 'jaspers.example' },
			{ websites: 'https://jaspers.example' },
			'write it with http:// or https://',
		],
	])('Update refuses %j per item, before any request', async (bad, good, message) => {
		const updateFields = Object.fromEntries(Object.keys(bad).map((k) => [k, `={{ $json.${k} }}`]));
		const { success, failure } = await run(
			'phoneNumber',
			'updateBusinessProfile',
			{ phoneNumberId: locator(PHONE), updateFields },
			[bad, good],
		);
		expect(failure).toHaveLength(1);
		expect((failure[0].pairedItem as { item: number }).item).toBe(0);
		expect(String(failure[0].json.error)).toContain(message);
		expect(success).toHaveLength(1);
		expect(graphCalls()).toHaveLength(1);
	});

	test('Update with no field set says what to add', async () => {
		const { failure } = await run('phoneNumber', 'updateBusinessProfile', {
			phoneNumberId: locator(PHONE),
			updateFields: {},
		});
		expect(String(failure[0].json.error)).toContain('Nothing to update: add at least one field');
		expect(graphCalls()).toHaveLength(0);
	});

	test('Configure Conversational Automation sends the welcome flag, prompts and commands', async () => {
		const { success } = await run('phoneNumber', 'configureConversationalAutomation', {
			phoneNumberId: locator(PHONE),
			enableWelcomeMessage: true,
			prompts: { prompt: [{ text: 'Where is my order?' }, { text: 'Opening hours?' }] },
			commands: { command: [{ name: '/order_status', description: 'Track an order' }] },
		});
		expect(success[0].json).toEqual({
			id: PHONE,
			success: true,
			enable_welcome_message: true,
			prompts: ['Where is my order?', 'Opening hours?'],
			commands: [{ command_name: 'order_status', command_description: 'Track an order' }],
		});
		expect(simulator.phoneNumbers.get(PHONE)?.automation).toEqual({
			enable_welcome_message: true,
			prompts: ['Where is my order?', 'Opening hours?'],
			commands: [{ command_name: 'order_status', command_description: 'Track an order' }],
		});
	});

	test("Configure Conversational Automation sends Meta's limits exactly: 4 prompts of 80, names of 32", async () => {
		const prompts = ['a', 'b', 'c', 'd'].map((c) => c.repeat(80));
		const name = 'n'.repeat(32);
		const { success } = await run('phoneNumber', 'configureConversationalAutomation', {
			phoneNumberId: locator(PHONE),
			prompts: { prompt: prompts.map((text) => ({ text })) },
			commands: { command: [{ name, description: 'd'.repeat(256) }] },
		});
		expect(success).toHaveLength(1);
		const sent = simulator.requests.find((r) => r.path.endsWith('/conversational_automation'));
		expect(sent?.body).toEqual({
			enable_welcome_message: false,
			prompts,
			commands: [{ command_name: name, command_description: 'd'.repeat(256) }],
		});
		expect(simulator.phoneNumbers.get(PHONE)?.automation).toMatchObject({ prompts });
	});

	test.each([
		// Meta's limit is 4 prompts (its "Conversational Components" page; the contract's 3 is behind).
		[
			{ prompt: [{ text: 'a' }, { text: 'b' }, { text: 'c' }, { text: 'd' }, { text: 'e' }] },
			{},
			'Prompts: 5 given, Meta allows at most 4',
		],
		[
			{},
			{ command: [{ name: 'n'.repeat(33), description: 'x' }] },
			'Command 1 name is 33 characters long; Meta allows at most 32',
		],
		[{ prompt: [{ text: 'y'.repeat(81) }] }, {}, 'Prompt 1 is 81 characters long'],
		[{}, { command: [{ name: 'order status', description: 'x' }] }, 'characters Meta refuses'],
		[{}, { command: [{ name: 'help', description: '' }] }, 'Command 1 description is empty'],
		[
			{},
			{
				command: [
					{ name: 'help', description: 'a' },
					{ name: 'HELP', description: 'b' },
				],
			},
			'listed twice',
		],
	])(
		'Conversational automation refuses %j %j before any request',
		async (prompts, commands, message) => {
			const { failure } = await run('phoneNumber', 'configureConversationalAutomation', {
				phoneNumberId: locator(PHONE),
				prompts,
				commands,
			});
			expect(String(failure[0].json.error)).toContain(message);
			expect(graphCalls()).toHaveLength(0);
		},
	);
});

describe('QR codes', () => {
	test('Get Many reads pages of at most 25 codes, the cap of message_qrdls', async () => {
		const phone = simulator.phoneNumbers.get(PHONE);
		phone!.qrCodes = new Map();
		for (let i = 0; i < 30; i++) {
			const code = `QRCODEAAAAAA${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i]}A`;
			phone!.qrCodes.set(code, { code, prefilled_message: `Hello ${i}`, createdAt: 0 });
		}
		const { success } = await run('qrCode', 'getMany', {
			phoneNumberId: locator(PHONE),
			returnAll: true,
			imageFormat: 'none',
		});
		expect(success).toHaveLength(30);
		const limits = graphCalls().map((r) => new URLSearchParams(r.query).get('limit'));
		expect(limits).toEqual(['25', '25']);
	});

	const binaryOf = (item: INodeExecutionData) => item.binary?.data;

	test('Create returns the code, its link and its PNG image as binary data, fetched without the token', async () => {
		const { success } = await run('qrCode', 'create', {
			phoneNumberId: locator(PHONE),
			prefilledMessage: 'Hi! I saw your poster.',
		});
		const item = success[0];
		expect(item.json).toMatchObject({
			prefilled_message: 'Hi! I saw your poster.',
			image_format: 'PNG',
		});
		expect(item.json.code).toMatch(/^[A-Z2-7]{14}$/);
		expect(item.json.deep_link_url).toBe(`https://wa.me/message/${String(item.json.code)}`);
		expect(binaryOf(item)).toMatchObject({
			mimeType: 'image/png',
			fileExtension: 'png',
			fileName: `whatsapp-qr-${String(item.json.code)}.png`,
		});
		const bytes = Buffer.from(String(binaryOf(item)?.data), 'base64');
		expect(bytes.subarray(1, 4).toString()).toBe('PNG');
		const image = simulator.requests.filter((r) => r.path.startsWith('/cdn/'));
		expect(image).toHaveLength(1);
		expect(image[0].authorized).toBe(false);
		expect(graphCalls().every((r) => r.authorized)).toBe(true);
	});

	test('Get (SVG), Get Many, Update and Delete', async () => {
		const created = await run('qrCode', 'create', {
			phoneNumberId: locator(PHONE),
			prefilledMessage: 'First',
			imageFormat: 'none',
		});
		const code = String(created.success[0].json.code);
		expect(created.success[0].binary).toBeUndefined();
		await run('qrCode', 'create', {
			phoneNumberId: locator(PHONE),
			prefilledMessage: 'Second',
			imageFormat: 'none',
		});

		const svg = await run('qrCode', 'get', {
			phoneNumberId: locator(PHONE),
			qrCodeId: code.toLowerCase(),
			imageFormat: 'SVG',
			binaryPropertyName: 'qr',
		});
		expect(svg.success[0].binary?.qr?.mimeType).toBe('image/svg+xml');
		expect(Buffer.from(String(svg.success[0].binary?.qr?.data), 'base64').toString()).toContain(
			`https://wa.me/message/${code}`,
		);

		const many = await run('qrCode', 'getMany', { phoneNumberId: locator(PHONE), returnAll: true });
		expect(many.success.map((i) => i.json.prefilled_message)).toEqual(['First', 'Second']);
		expect(many.success.every((i) => i.binary === undefined)).toBe(true);

		const updated = await run('qrCode', 'update', {
			phoneNumberId: locator(PHONE),
			qrCodeId: `https://wa.me/message/${code}`, // the link, pasted
			prefilledMessage: 'First, changed',
		});
		expect(updated.success[0].json).toMatchObject({ code, prefilled_message: 'First, changed' });

		const deleted = await run('qrCode', 'delete', {
			phoneNumberId: locator(PHONE),
			qrCodeId: code,
		});
		expect(deleted.success[0].json).toEqual({ code, success: true, deleted: true });
		const gone = await run('qrCode', 'get', {
			phoneNumberId: locator(PHONE),
			qrCodeId: code,
			imageFormat: 'none',
		});
		expect(gone.failure[0].json.details).toMatchObject({ category: 'not_found', httpCode: 404 });
	});

	test.each([
		[{ prefilledMessage: 'z'.repeat(141) }, 'Prefilled Message is 141 characters long'],
		[{ prefilledMessage: '  ' }, 'Prefilled Message is empty'],
		[{ prefilledMessage: 'Hi', binaryPropertyName: 'my image' }, 'is not a field name'],
	])('Create refuses %j before any request', async (parameters, message) => {
		const { failure } = await run('qrCode', 'create', {
			phoneNumberId: locator(PHONE),
			...parameters,
		});
		expect(String(failure[0].json.error)).toContain(message);
		expect(simulator.requests).toHaveLength(0);
	});

	test('an image address over plain http to another machine is not fetched', async () => {
		const port = new URL(simulator.baseUrl).port;
		simulator.script.push({
			body: JSON.stringify({
				code: 'ANED2T5QRU7HG1',
				prefilled_message: 'Hi',
				deep_link_url: 'https://wa.me/message/ANED2T5QRU7HG1',
				qr_image_url: `http://[::ffff:7f00:1]:${port}/cdn/qr/ANED2T5QRU7HG1.png`,
			}),
		});
		const { failure } = await run('qrCode', 'create', {
			phoneNumberId: locator(PHONE),
			prefilledMessage: 'Hi',
		});
		expect(String(failure[0].json.error)).toContain('is not an https address');
		expect(simulator.requests.filter((r) => r.path.startsWith('/cdn/'))).toHaveLength(0);
	});

	test("a QR Code ID that is not Meta's 14 characters is refused before any request", async () => {
		const { failure } = await run('qrCode', 'delete', {
			phoneNumberId: locator(PHONE),
			qrCodeId: 'ABC',
		});
		expect(String(failure[0].json.error)).toContain('14-character code');
		expect(simulator.requests).toHaveLength(0);
	});
});
