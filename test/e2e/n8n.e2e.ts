/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The packed package inside the real n8n (N8N_VERSION: 2.41.1 by default, or 1.123.81; Node 24):
// installed into .n8n/nodes, the example workflows imported and executed with `n8n execute --id`
// against the simulator.
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import {
	atoms,
	BLOCKED_ERRORS,
	GraphApiSimulator,
	SIMULATOR_APP,
	SIMULATOR_WABA_ID,
	wabaPhones,
} from '../../simulator/GraphApiSimulator';
import { N8N_VERSION, packPackage, startRealN8n } from './realN8n';
import type { RealN8n } from './realN8n';

const TOKEN = 'EAARealN8nE2eTokenZq7Wv3Kp';
const WORKFLOW_ID = 'wbmAddPhoneNumbers01';
const WORKFLOW = join(__dirname, '../../examples/add-phone-numbers.workflow.json');
const BUSINESS = '1234567890123456';

interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, Record<string, unknown>>;
	pairedItem: { item: number };
}

let n8n: RealN8n;
let simulator: GraphApiSimulator;

beforeAll(async () => {
	n8n = await startRealN8n(packPackage());
	await n8n.importWorkflow(WORKFLOW);
});

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
});

afterEach(async () => {
	await simulator?.stop();
});

afterAll(() => {
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

async function executeWith(token: string) {
	await n8n.importCredential({
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
		type: 'whatsAppBusinessManagementApi',
		data: { accessToken: token, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	});
	const result = await n8n.execute(WORKFLOW_ID);
	const runData = (
		result.data as { resultData: { runData: Record<string, Array<{ data: { main: Item[][] } }>> } }
	).resultData.runData;
	const rows = runData['One item per row'][0].data.main[0];
	const [success = [], failure = []] = runData['Add Phone Number'][0].data.main;
	return { result, rows, success, failure, text: JSON.stringify(result) };
}

test(`n8n ${N8N_VERSION}: the example workflow runs in the real n8n: IDs on success, structured errors on the error branch`, async () => {
	const { result, rows, success, failure, text } = await executeWith(TOKEN);
	expect(result.status).toBe('success');
	expect(rows).toHaveLength(12);
	expect(success.length + failure.length).toBe(rows.length);
	const paired = [...success, ...failure].map((i) => i.pairedItem.item).sort((a, b) => a - b);
	expect(paired).toEqual(rows.map((_, index) => index));

	// Every valid row carries the ID the simulator issued, for the number it stored.
	expect(success).toHaveLength(8);
	for (const item of success) {
		const stored = simulator.numbers.get(String(item.json.id));
		expect(stored).toBeDefined();
		expect(`+${stored?.digits}`).toBe(item.json.phone_number);
	}
	expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);

	expect(
		failure.map((i) => [i.json.name, (i.json.details as { category: string }).category]),
	).toEqual([
		['Eli Cohen', 'duplicate'],
		['Fay Wong', 'validation'],
		['Hal Moss', 'validation'],
		['Kai Berg', 'validation'],
	]);
	for (const item of failure) {
		expect(typeof item.json.error).toBe('string');
		expect(item.json.details).toHaveProperty('phone_number.input');
	}
	expect(text).not.toContain(TOKEN);
	// Offline: the node called only the simulator, on the add path.
	expect(new Set(simulator.requests.map((r) => r.path))).toEqual(
		new Set([`/v23.0/${BUSINESS}/add_phone_numbers`]),
	);
});

/**
 * Imports an example (which reads codes from the simulator at its `npm run n8n` address, pointed
 * here) with the simulator credential, runs it, checks it succeeded without showing the token,
 * and returns each node's runs.
 */
async function executeExample(name: string, workflowId: string) {
	const text = readFileSync(join(__dirname, `../../examples/${name}.workflow.json`), 'utf8');
	return await executeWorkflowText(name, text, workflowId);
}

async function executeWorkflowText(name: string, text: string, workflowId: string) {
	const copy = join(n8n.userFolder, `${name}.workflow.json`);
	writeFileSync(copy, text.split('http://127.0.0.1:18787').join(simulator.baseUrl));
	await n8n.importWorkflow(copy);
	await n8n.importCredential({
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
		type: 'whatsAppBusinessManagementApi',
		data: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			appId: SIMULATOR_APP.id,
		},
	});
	const result = await n8n.execute(workflowId);
	expect(result.status).toBe('success');
	expect(JSON.stringify(result)).not.toContain(TOKEN);
	return (
		result.data as { resultData: { runData: Record<string, Array<{ data: { main: Item[][] } }>> } }
	).resultData.runData;
}

test(`n8n ${N8N_VERSION}: the lifecycle example runs in the real n8n: verified, listed, deleted, then not found`, async () => {
	const runData = await executeExample('pre-verified-number-lifecycle', 'wbmLifecycle0001');
	const first = (name: string, output = 0) => runData[name][0].data.main[output]?.[0]?.json;
	expect(first('Get')).toMatchObject({ code_verification_status: 'VERIFIED' });
	expect(first('Get')?.expires_in_days).toBeGreaterThanOrEqual(89);
	expect(first('Delete')).toMatchObject({ deleted: true });
	expect(first('Get After Delete', 1)).toMatchObject({ details: { category: 'not_found' } });
	expect(simulator.numbers.size).toBe(0);
});

test(`n8n ${N8N_VERSION}: the pool-to-ready example claims a verified number, registers it, subscribes the app and sets the profile: ready to message`, async () => {
	const runData = await executeExample('pool-to-ready', 'wbmPoolToReady01');
	const only = (name: string) => {
		const items = runData[name][0].data.main[0];
		expect(items).toHaveLength(1);
		return items[0].json;
	};
	const pooled = only('Add to Pool');
	expect(only("Add to the Client's WABA")).toMatchObject({ cc: '1', preverified_id: pooled.id });
	expect(only('Register')).toMatchObject({ registered: true });
	expect(only('Subscribe App to Webhooks')).toMatchObject({ subscribed: true });
	expect(only('Update Business Profile')).toMatchObject({ success: true });
	expect(only('Get')).toMatchObject({ status: 'CONNECTED', is_connected: true });
	expect(only('Get Business Profile')).toMatchObject({
		about: 'Fresh fruit and vegetables, every day',
		vertical: 'GROCERY',
	});
	expect(simulator.numbers.size).toBe(0);
	expect(simulator.phoneNumbers.size).toBe(1);
	expect(simulator.wabas.get(SIMULATOR_WABA_ID)?.subscribedApps).toHaveLength(1);
	const written = JSON.stringify(Object.values(runData).map((runs) => runs[0].data));
	expect(written).not.toContain('246810');
});

const CREDENTIALS = {
	whatsAppBusinessManagementApi: {
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
	},
};

/** One step of a chain: our node with its parameters, or another node type. */
interface Step {
	name: string;
	parameters: Record<string, unknown>;
	type?: string;
	typeVersion?: number;
}

/** Start -> each step in turn: a workflow for `n8n execute`, our node's steps with the credential. */
function chainWorkflow(id: string, name: string, steps: Step[]) {
	const nodes = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...steps.map((step, index) => ({
			id: `step${index}`,
			name: step.name,
			type: step.type ?? 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement',
			typeVersion: step.typeVersion ?? 1,
			position: [(index + 1) * 200, 0],
			parameters: step.type ? step.parameters : { options: {}, ...step.parameters },
			...(step.type ? {} : { credentials: CREDENTIALS }),
		})),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = {
			main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { id, name, settings: { executionOrder: 'v1' }, nodes, connections };
}

/** Edit Fields then Convert to File: `bytes` as the item's binary `data`, as a file node gives. */
function fileSteps(bytes: Buffer, fileName: string, mimeType: string): Step[] {
	return [
		{
			name: 'File Contents',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ file: bytes.toString('base64') }),
				options: {},
			},
		},
		{
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: {
				operation: 'toBinary',
				sourceProperty: 'file',
				options: { fileName, mimeType },
			},
		},
	];
}

async function executeChain(id: string, name: string, steps: Step[]) {
	const runData = await executeWorkflowText(id, JSON.stringify(chainWorkflow(id, name, steps)), id);
	const only = (node: string) => {
		const items = runData[node][0].data.main[0];
		expect(items).toHaveLength(1);
		return items[0];
	};
	return { runData, only: (node: string) => only(node).json, item: only };
}

test(`n8n ${N8N_VERSION}: the monthly-cost example: one CSV row per client WABA, its sums equal the simulator data; health status of a blocked number`, async () => {
	const clients = ['2000000000000102', '2000000000000103'];
	for (const [index, id] of clients.entries()) {
		simulator.wabas.set(id, { id, businessId: BUSINESS, name: `Client ${index}`, client: true });
	}
	simulator.seedConnectedPhoneNumber('1906385232743461', '6315557000', { wabaId: clients[0] });
	const runData = await executeExample('monthly-cost-per-client', 'wbmMonthlyCost01');
	const now = new Date();
	const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
	const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) / 1000;
	const expected = clients.map((id) => {
		const data = atoms(wabaPhones(simulator, id), id, start, end);
		return {
			waba_id: id,
			volume: data.reduce((s, a) => s + a.volume, 0),
			cost: data.reduce((s, a) => s + a.cost, 0),
		};
	});
	expect(runData["Last Month's Pricing"][0].data.main[0]).toHaveLength(8);
	const sums = runData['Sum per Client'][0].data.main[0].map((i) => i.json);
	expect(sums.map((s) => [s.waba_id, s.currency, s.sum_volume])).toEqual(
		expected.map((e) => [e.waba_id, 'USD', e.volume]),
	);
	sums.forEach((s, i) => expect(Number(s.sum_cost)).toBeCloseTo(expected[i].cost, 4));
	const file = runData.CSV[0].data.main[0][0].binary?.data ?? {};
	expect(file).toMatchObject({ fileName: 'whatsapp-cost-last-month.csv', mimeType: 'text/csv' });
	// The CSV of the sums, as Convert to File writes it (the engine test reads its bytes; `n8n
	// execute` keeps 2.x's file-system binary data only during the run, so here its size counts),
	// after the byte order mark Convert to File writes first.
	const columns = Object.keys(sums[0]);
	const csv = [columns.join(','), ...sums.map((s) => columns.map((c) => String(s[c])).join(','))];
	if (typeof file.data === 'string' && !file.data.startsWith('filesystem')) {
		expect(Buffer.from(file.data, 'base64').toString('utf8')).toBe(`\uFEFF${csv.join('\n')}`);
	} else {
		expect(file.bytes).toBe(Buffer.byteLength(`\uFEFF${csv.join('\n')}`));
	}

	// Health: the number becomes BLOCKED; Get Health Status names it with Meta's reason.
	simulator.health.set('1906385232743461', { can_send_message: 'BLOCKED' });
	const health = chainWorkflow('wbmHealthStatus01', 'Health status', [
		{
			name: 'Number Health',
			parameters: {
				resource: 'phoneNumber',
				operation: 'getHealthStatus',
				phoneNumberId: { __rl: true, mode: 'id', value: '1906385232743461' },
			},
		},
		{
			name: 'WABA Health',
			parameters: {
				resource: 'whatsAppBusinessAccount',
				operation: 'getHealthStatus',
				wabaId: { __rl: true, mode: 'id', value: clients[0] },
			},
		},
	]);
	const healthRun = await executeWorkflowText(
		'health',
		JSON.stringify(health),
		'wbmHealthStatus01',
	);
	expect(healthRun['Number Health'][0].data.main[0][0].json).toMatchObject({
		can_send_message: 'BLOCKED',
		phone_number_can_send_message: 'BLOCKED',
		problems: [
			expect.objectContaining({
				entity_type: 'PHONE_NUMBER',
				error_code: BLOCKED_ERRORS.PHONE_NUMBER[0].error_code,
				error_description: BLOCKED_ERRORS.PHONE_NUMBER[0].error_description,
			}),
		],
	});
	expect(healthRun['WABA Health'][0].data.main[0][0].json).toMatchObject({
		can_send_message: 'AVAILABLE',
	});
});

test(`n8n ${N8N_VERSION}: a profile picture from binary data is uploaded with Meta's Resumable Upload API and its handle set on the profile`, async () => {
	const phone = '1906385232743471';
	simulator.seedConnectedPhoneNumber(phone, '6315557100');
	const bytes = Buffer.alloc(700, 3);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	const workflow = chainWorkflow('wbmProfilePicture1', 'Profile picture', [
		...fileSteps(bytes, 'logo.png', 'image/png'),
		{
			name: 'Update Business Profile',
			parameters: {
				resource: 'phoneNumber',
				operation: 'updateBusinessProfile',
				phoneNumberId: { __rl: true, mode: 'id', value: phone },
				updateFields: { profilePictureBinaryField: 'data' },
			},
		},
	]);
	const runData = await executeWorkflowText(
		'profile-picture',
		JSON.stringify(workflow),
		'wbmProfilePicture1',
	);
	const [session] = [...simulator.uploads.values()];
	expect(simulator.uploads.size).toBe(1);
	expect(session).toMatchObject({ fileName: 'logo.png', fileType: 'image/png', fileLength: 700 });
	expect(session.bytes?.equals(bytes)).toBe(true);
	expect(runData['Update Business Profile'][0].data.main[0][0].json).toMatchObject({
		id: phone,
		success: true,
		profile_picture_handle: session.handle,
	});
	const calls = simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));
	expect(calls.map((r) => r.scheme)).toEqual(['Bearer', 'OAuth', 'Bearer']);
	expect(calls[2].body?.profile_picture_handle).toBe(session.handle);
	const host = new URL(simulator.baseUrl).host;
	expect(simulator.requests.every((r) => r.host === host)).toBe(true);
});

test(`n8n ${N8N_VERSION}: message templates: Get Many with a filter, Get, Get Health Status and Delete one language`, async () => {
	const approved = simulator.seedMessageTemplate(SIMULATOR_WABA_ID, { name: 'order_update' });
	simulator.seedMessageTemplate(SIMULATOR_WABA_ID, { name: 'spring_sale', status: 'REJECTED' });
	const template = (operation: string, parameters: Record<string, unknown> = {}) => ({
		resource: 'messageTemplate',
		operation,
		templateId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
		...parameters,
	});
	const workflow = chainWorkflow('wbmTemplates00001', 'Message templates', [
		{
			name: 'Templates',
			parameters: {
				resource: 'messageTemplate',
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				returnAll: true,
				filters: { status: 'APPROVED' },
			},
		},
		{ name: 'Template', parameters: template('get') },
		{ name: 'Template Health', parameters: template('getHealthStatus') },
		{
			name: 'Delete',
			parameters: {
				resource: 'messageTemplate',
				operation: 'delete',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				templateName: "={{ $('Template').item.json.name }}",
				hsmId: "={{ $('Template').item.json.id }}",
			},
		},
	]);
	const runData = await executeWorkflowText(
		'templates',
		JSON.stringify(workflow),
		'wbmTemplates00001',
	);
	const only = (name: string) => {
		const items = runData[name][0].data.main[0];
		expect(items).toHaveLength(1);
		return items[0].json;
	};
	expect(only('Templates')).toMatchObject({
		id: approved.id,
		name: 'order_update',
		quality: 'GREEN',
	});
	expect(only('Template')).toMatchObject({ id: approved.id, status: 'APPROVED' });
	expect(only('Template Health')).toMatchObject({
		can_send_message: 'AVAILABLE',
		message_template_can_send_message: 'AVAILABLE',
	});
	expect(only('Delete')).toMatchObject({
		deleted: true,
		languages: 'one',
		template_id: approved.id,
	});
	expect([...simulator.templates.values()].map((t) => t.name)).toEqual(['spring_sale']);
});

test(`n8n ${N8N_VERSION}: the starter-templates example copies the approved templates to a new client, they reach APPROVED; Create with a header image from binary data, then Edit`, async () => {
	const [starter, client] = ['2000000000000001', '2000000000000002'];
	simulator.wabas.set(starter, { id: starter, businessId: BUSINESS, name: 'Starter templates' });
	simulator.wabas.set(client, {
		id: client,
		businessId: BUSINESS,
		name: 'New client',
		client: true,
	});
	for (const name of ['order_update', 'appointment_reminder']) {
		simulator.seedMessageTemplate(starter, { name });
	}
	simulator.seedMessageTemplate(starter, { name: 'old_promo', status: 'PAUSED' });
	const copyRun = await executeExample('starter-templates', 'wbmStarterTmpl01');
	expect(copyRun['Copy to the client'][0].data.main[0].map((i) => i.json.migrated)).toEqual([
		true,
		true,
	]);

	const bytes = Buffer.alloc(900, 5);
	Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
	const workflow = chainWorkflow('wbmTemplateCreate1', 'Create a template', [
		...fileSteps(bytes, 'sale.jpg', 'image/jpeg'),
		{
			name: 'Create',
			parameters: {
				resource: 'messageTemplate',
				operation: 'create',
				wabaId: { __rl: true, mode: 'id', value: client },
				templateName: 'spring_sale',
				language: 'en_US',
				category: 'UTILITY',
				headerFormat: 'IMAGE',
				headerMediaSource: 'binary',
				headerBinaryField: 'data',
				bodyText: 'Hi {{1}}, spring is here.',
				bodyExamples: { example: [{ variable: '1', value: 'Maria' }] },
				buttons: { button: [{ type: 'QUICK_REPLY', text: 'Stop offers' }] },
			},
		},
		{
			name: 'Edit',
			parameters: {
				resource: 'messageTemplate',
				operation: 'edit',
				templateId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				category: 'MARKETING',
				componentsInput: 'keep',
			},
		},
		{
			name: "Client's Approved",
			parameters: {
				resource: 'messageTemplate',
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: client },
				returnAll: true,
				filters: { status: 'APPROVED' },
			},
		},
	]);
	const runData = await executeWorkflowText(
		'template-create',
		JSON.stringify(workflow),
		'wbmTemplateCreate1',
	);
	const created = runData.Create[0].data.main[0][0].json;
	expect(created).toMatchObject({ status: 'PENDING', name: 'spring_sale', language: 'en_US' });
	const [session] = [...simulator.uploads.values()].filter((u) => u.fileName === 'sale.jpg');
	expect(session.bytes?.equals(bytes)).toBe(true);
	const template = simulator.templates.get(String(created.id));
	expect(template?.components[0]).toEqual({
		type: 'HEADER',
		format: 'IMAGE',
		example: { header_handle: [session.handle] },
	});
	expect(template?.category).toBe('MARKETING');
	expect(runData.Edit[0].data.main[0][0].json).toMatchObject({
		success: true,
		updated: ['category'],
	});
	// The copies' review (1 s) ended while the second workflow ran.
	expect(runData["Client's Approved"][0].data.main[0].map((i) => i.json.name).sort()).toEqual([
		'appointment_reminder',
		'order_update',
	]);
	const host = new URL(simulator.baseUrl).host;
	expect(simulator.requests.every((r) => r.host === host)).toBe(true);
});

test(`n8n ${N8N_VERSION}: every other Phone Number operation runs in the real n8n`, async () => {
	const id = '100000000000777';
	simulator.seedConnectedPhoneNumber(id, '6315557777', { pin: '246810' });
	const number = { __rl: true, mode: 'id', value: "={{ $('Get Many').item.json.id }}" };
	const phone = (name: string, parameters: Record<string, unknown>): Step => ({
		name,
		parameters: { resource: 'phoneNumber', ...parameters },
	});
	const { runData, only } = await executeChain('wbmPhoneOps00001', 'Every Phone Number operation', [
		phone('Get Many', {
			operation: 'getMany',
			wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
			returnAll: true,
		}),
		phone('Set PIN', { operation: 'setPin', phoneNumberId: number, pin: '135790' }),
		phone('Request Display Name Change', {
			operation: 'requestDisplayNameChange',
			phoneNumberId: number,
			newDisplayName: 'Shop Two',
		}),
		phone('Deregister', { operation: 'deregister', phoneNumberId: number }),
		phone('Register', { operation: 'register', phoneNumberId: number, pin: '135790' }),
		phone('Request Verification Code', {
			operation: 'requestCode',
			phoneNumberId: number,
			codeMethod: 'SMS',
			language: 'en_US',
		}),
		{
			name: 'Read the code',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				url: "=http://127.0.0.1:18787/__simulator/codes/{{ $('Get Many').item.json.id }}",
				options: {},
			},
		},
		phone('Verify Code', {
			operation: 'verifyCode',
			phoneNumberId: number,
			code: '={{ $json.code }}',
		}),
		// A node saved at version 1 with the deprecated Messaging Limit Tier filter (issue 33),
		// then the same at 1.1, which has no such filter.
		...[1, 1.1].map((typeVersion) => ({
			...phone(`Get Many ${typeVersion}`, {
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				returnAll: true,
				filters: { messagingLimitTier: 'TIER_1K' },
			}),
			typeVersion,
		})),
	]);
	expect(only('Get Many 1')).toMatchObject({
		id,
		messaging_limit: '250',
		notice: expect.stringMatching(/^Messaging Limit Tier 1K did not filter: Meta deprecated/),
	});
	expect(only('Get Many 1.1')).toMatchObject({ id, messaging_limit: '250' });
	expect(only('Get Many 1.1')).not.toHaveProperty('notice');
	expect(only('Get Many')).toMatchObject({
		id,
		status: 'CONNECTED',
		is_connected: true,
		quality: 'high',
	});
	expect(only('Set PIN')).toEqual({ id, success: true, two_step_verification: 'set' });
	expect(only('Request Display Name Change')).toEqual({
		id,
		success: true,
		new_display_name: 'Shop Two',
	});
	expect(only('Deregister')).toEqual({ id, success: true, deregistered: true });
	expect(only('Register')).toEqual({ id, success: true, registered: true });
	expect(only('Request Verification Code')).toMatchObject({ id, success: true });
	expect(only('Verify Code')).toEqual({ id, success: true, verified: true });
	expect(simulator.phoneNumbers.get(id)).toMatchObject({
		pin: '135790',
		status: 'CONNECTED',
		name_status: 'PENDING_REVIEW',
	});
	const written = JSON.stringify(Object.values(runData).map((runs) => runs[0].data));
	expect(written).not.toMatch(/135790|246810/);
});

test(`n8n ${N8N_VERSION}: onboarding a client runs in the real n8n: the WABA and its webhooks, the profile, automation, QR codes with their images`, async () => {
	const id = '100000000000888';
	const verifyToken = 'e2e-verify-token-Jq2m';
	simulator.seedConnectedPhoneNumber(id, '6315558888');
	const waba = { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID };
	const number = { __rl: true, mode: 'id', value: id };
	const code = { qrCodeId: "={{ $('Create QR Code').item.json.code }}" };
	const step = (name: string, resource: string, parameters: Record<string, unknown>): Step => ({
		name,
		parameters: { resource, ...parameters },
	});
	const { runData, only, item } = await executeChain('wbmOnboarding001', 'Onboarding a client', [
		step('Get WABA', 'whatsAppBusinessAccount', { operation: 'get', wabaId: waba }),
		step('Get Many WABAs', 'whatsAppBusinessAccount', {
			operation: 'getMany',
			businessId: BUSINESS,
			ownership: 'owned',
			returnAll: true,
		}),
		step('Subscribe', 'whatsAppBusinessAccount', {
			operation: 'subscribeApp',
			wabaId: waba,
			options: { overrideCallbackUrl: 'https://hooks.example.com/wa', verifyToken },
		}),
		step('Subscribed Apps', 'whatsAppBusinessAccount', {
			operation: 'getSubscribedApps',
			wabaId: waba,
		}),
		step('Update Profile', 'phoneNumber', {
			operation: 'updateBusinessProfile',
			phoneNumberId: number,
			updateFields: { about: 'Open 8-20', vertical: 'RETAIL' },
		}),
		step('Get Profile', 'phoneNumber', { operation: 'getBusinessProfile', phoneNumberId: number }),
		step('Automation', 'phoneNumber', {
			operation: 'configureConversationalAutomation',
			phoneNumberId: number,
			enableWelcomeMessage: true,
			prompts: { prompt: [{ text: 'Opening hours?' }] },
			commands: { command: [{ name: 'help', description: 'How we can help' }] },
		}),
		step('Create QR Code', 'qrCode', {
			operation: 'create',
			phoneNumberId: number,
			prefilledMessage: 'Hi from the poster',
			imageFormat: 'PNG',
		}),
		step('Get QR Code', 'qrCode', {
			operation: 'get',
			phoneNumberId: number,
			...code,
			imageFormat: 'SVG',
		}),
		step('Get Many QR Codes', 'qrCode', {
			operation: 'getMany',
			phoneNumberId: number,
			returnAll: true,
		}),
		step('Update QR Code', 'qrCode', {
			operation: 'update',
			phoneNumberId: number,
			...code,
			prefilledMessage: 'Hi again',
		}),
		step('Delete QR Code', 'qrCode', { operation: 'delete', phoneNumberId: number, ...code }),
		step('Unsubscribe', 'whatsAppBusinessAccount', { operation: 'unsubscribeApp', wabaId: waba }),
	]);
	expect(only('Get WABA')).toMatchObject({
		id: SIMULATOR_WABA_ID,
		account_review_status: 'APPROVED',
	});
	expect(only('Get Many WABAs')).toMatchObject({ id: SIMULATOR_WABA_ID, ownership: 'owned' });
	expect(only('Subscribe')).toMatchObject({ subscribed: true });
	expect(only('Subscribed Apps')).toMatchObject({ count: 1 });
	expect(only('Get Profile')).toEqual({ id, about: 'Open 8-20', vertical: 'RETAIL' });
	expect(only('Automation')).toMatchObject({ success: true, prompts: ['Opening hours?'] });
	const qr = item('Create QR Code');
	expect(qr.json.code).toMatch(/^[A-Z0-9]{14}$/);
	expect(qr.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
	expect(item('Get QR Code').binary?.data).toMatchObject({ mimeType: 'image/svg+xml' });
	expect(only('Get Many QR Codes')).toMatchObject({ code: qr.json.code });
	expect(only('Update QR Code')).toMatchObject({ prefilled_message: 'Hi again' });
	expect(only('Delete QR Code')).toMatchObject({ deleted: true });
	expect(only('Unsubscribe')).toMatchObject({ subscribed: false });
	// The images came from the "CDN" without the token; every Graph call carried it.
	const images = simulator.requests.filter((r) => r.path.startsWith('/cdn/'));
	expect(images).toHaveLength(2);
	expect(images.every((r) => !r.authorized)).toBe(true);
	expect(JSON.stringify(runData)).not.toContain(verifyToken);
});

test(`n8n ${N8N_VERSION}: two clients from one sheet, each row its own callback, verify token, region and pre-verified number`, async () => {
	const clientWaba = '2000000000000002';
	simulator.wabas.set(clientWaba, { id: clientWaba, businessId: BUSINESS, name: 'Client B' });
	const phones = ['100000000000901', '100000000000902'];
	phones.forEach((id, i) => simulator.seedConnectedPhoneNumber(id, `631555090${i + 1}`));
	const pool = ['16315550911', '16315550912'].map((digits) =>
		simulator.seedPreVerifiedNumber(BUSINESS, digits, true),
	);
	const clients = [
		{
			waba: SIMULATOR_WABA_ID,
			url: 'https://client-a.example.com/wa',
			token: 'verify-client-a-77',
			phone: phones[0],
			region: 'DE',
			claim: '+1 631 555 0911',
			preverified: pool[0],
		},
		{
			waba: clientWaba,
			url: 'https://client-b.example.com/wa',
			token: 'verify-client-b-88',
			phone: phones[1],
			region: 'IN',
			claim: '+1 631 555 0912',
			preverified: pool[1],
		},
	];
	const row = (field: string) => `={{ $('One item per client').item.json.${field} }}`;
	const { runData } = await executeChain('wbmTwoClients001', 'Two clients, one sheet', [
		{
			name: 'Client sheet',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ clients }) },
		},
		{
			name: 'One item per client',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'clients', options: {} },
		},
		{
			name: 'Subscribe',
			parameters: {
				resource: 'whatsAppBusinessAccount',
				operation: 'subscribeApp',
				// Saved before this operation lost its picker-only Business ID: still runs.
				businessId: BUSINESS,
				wabaId: { __rl: true, mode: 'id', value: row('waba') },
				options: { overrideCallbackUrl: row('url'), verifyToken: row('token') },
			},
		},
		{
			name: 'Register',
			parameters: {
				resource: 'phoneNumber',
				operation: 'register',
				phoneNumberId: { __rl: true, mode: 'id', value: row('phone') },
				pin: '424242',
				options: { dataLocalizationRegion: row('region') },
			},
		},
		{
			name: 'Add to WABA',
			parameters: {
				resource: 'phoneNumber',
				operation: 'addToWaba',
				wabaId: { __rl: true, mode: 'id', value: row('waba') },
				phoneNumber: row('claim'),
				verifiedName: 'Client Shop',
				options: { preverifiedId: row('preverified') },
			},
		},
	]);
	const posts = (edge: string) =>
		simulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith(edge));
	expect(posts('/subscribed_apps').map((r) => [r.path, r.body])).toEqual(
		clients.map((c) => [
			`/v23.0/${c.waba}/subscribed_apps`,
			{ override_callback_uri: c.url, verify_token: c.token },
		]),
	);
	expect(posts('/register').map((r) => [r.path, r.body?.data_localization_region])).toEqual(
		clients.map((c) => [`/v23.0/${c.phone}/register`, c.region]),
	);
	expect(posts('/phone_numbers').map((r) => [r.path, r.body?.preverified_id])).toEqual(
		clients.map((c) => [`/v23.0/${c.waba}/phone_numbers`, c.preverified]),
	);
	const ours = ['Subscribe', 'Register', 'Add to WABA'].map(
		(node) => runData[node][0].data.main[0],
	);
	for (const items of ours) expect(items.map((i) => i.pairedItem.item)).toEqual([0, 1]);
	expect(ours[1].map((i) => i.json.data_localization_region)).toEqual(['DE', 'IN']);
	expect(JSON.stringify(ours)).not.toMatch(/verify-client-[ab]/);
});

test(`n8n ${N8N_VERSION}: a wrong token fails every valid row with category auth and shows no token`, async () => {
	const wrong = 'EAAWrongTokenForTheRealN8nRun42';
	const { success, failure, text } = await executeWith(wrong);
	expect(success).toHaveLength(0);
	expect(failure).toHaveLength(12);
	const categories = failure.map((i) => (i.json.details as { category: string }).category);
	expect(categories.filter((c) => c === 'auth')).toHaveLength(9);
	expect(categories.filter((c) => c === 'validation')).toHaveLength(3);
	expect(simulator.numbers.size).toBe(0);
	expect(text).not.toContain(wrong);
	expect(text).not.toContain(TOKEN);
});
