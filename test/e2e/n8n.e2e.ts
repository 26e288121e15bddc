/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The packed package inside the real n8n (N8N_VERSION: 2.41.1 by default, or 1.123.81; Node 24):
// installed into .n8n/nodes, the example workflows imported and executed with `n8n execute --id`
// against the simulator.
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { N8N_VERSION, packPackage, startRealN8n } from './realN8n';
import type { RealN8n } from './realN8n';

const TOKEN = 'EAARealN8nE2eTokenZq7Wv3Kp';
const WORKFLOW_ID = 'wbmAddPhoneNumbers01';
const WORKFLOW = join(__dirname, '../../examples/add-phone-numbers.workflow.json');
const BUSINESS = '1234567890123456';

interface Item {
	json: Record<string, unknown>;
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
		data: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
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

test(`n8n ${N8N_VERSION}: the pool-to-ready example claims a verified number into a WABA and registers it`, async () => {
	const runData = await executeExample('pool-to-ready', 'wbmPoolToReady01');
	const only = (name: string) => {
		const items = runData[name][0].data.main[0];
		expect(items).toHaveLength(1);
		return items[0].json;
	};
	const pooled = only('Add to Pool');
	expect(only("Add to the Client's WABA")).toMatchObject({ cc: '1', preverified_id: pooled.id });
	expect(only('Register')).toMatchObject({ registered: true });
	expect(only('Get')).toMatchObject({ status: 'CONNECTED', is_connected: true });
	expect(simulator.numbers.size).toBe(0);
	expect(simulator.phoneNumbers.size).toBe(1);
	const written = JSON.stringify(Object.values(runData).map((runs) => runs[0].data));
	expect(written).not.toContain('246810');
});

test(`n8n ${N8N_VERSION}: every other Phone Number operation runs in the real n8n`, async () => {
	const id = '100000000000777';
	simulator.seedConnectedPhoneNumber(id, '6315557777', { pin: '246810' });
	const number = { __rl: true, mode: 'id', value: "={{ $('Get Many').item.json.id }}" };
	const steps: Array<[string, Record<string, unknown>]> = [
		[
			'Get Many',
			{
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				returnAll: true,
			},
		],
		['Set PIN', { operation: 'setPin', phoneNumberId: number, pin: '135790' }],
		[
			'Request Display Name Change',
			{ operation: 'requestDisplayNameChange', phoneNumberId: number, newDisplayName: 'Shop Two' },
		],
		['Deregister', { operation: 'deregister', phoneNumberId: number }],
		['Register', { operation: 'register', phoneNumberId: number, pin: '135790' }],
		[
			'Request Verification Code',
			{ operation: 'requestCode', phoneNumberId: number, codeMethod: 'SMS', language: 'en_US' },
		],
	];
	const workflow = {
		id: 'wbmPhoneOps00001',
		name: 'Every Phone Number operation',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...steps.map(([name, parameters], index) => ({
				id: `step${index}`,
				name,
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement',
				typeVersion: 1,
				position: [(index + 1) * 200, 0],
				parameters: { resource: 'phoneNumber', options: {}, ...parameters },
				credentials: {
					whatsAppBusinessManagementApi: {
						id: 'wbmSimulatorCredential',
						name: 'WhatsApp Business Management (simulator)',
					},
				},
			})),
			{
				id: 'code',
				name: 'Read the code',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [1400, 0],
				parameters: {
					url: "=http://127.0.0.1:18787/__simulator/codes/{{ $('Get Many').item.json.id }}",
					options: {},
				},
			},
			{
				id: 'verify',
				name: 'Verify Code',
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement',
				typeVersion: 1,
				position: [1600, 0],
				parameters: {
					resource: 'phoneNumber',
					operation: 'verifyCode',
					phoneNumberId: number,
					code: '={{ $json.code }}',
					options: {},
				},
				credentials: {
					whatsAppBusinessManagementApi: {
						id: 'wbmSimulatorCredential',
						name: 'WhatsApp Business Management (simulator)',
					},
				},
			},
		],
		connections: {} as Record<string, unknown>,
	};
	const order = ['Start', ...steps.map(([name]) => name), 'Read the code', 'Verify Code'];
	for (let i = 0; i + 1 < order.length; i++) {
		workflow.connections[order[i]] = { main: [[{ node: order[i + 1], type: 'main', index: 0 }]] };
	}
	const runData = await executeWorkflowText('phone-ops', JSON.stringify(workflow), workflow.id);
	const only = (name: string) => {
		const items = runData[name][0].data.main[0];
		expect(items).toHaveLength(1);
		return items[0].json;
	};
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
