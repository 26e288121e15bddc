/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The trigger in the real n8n (N8N_VERSION): the workflow is activated, n8n polls every minute
// (its shortest interval), the simulator's clock moves 91 days after the baseline poll, and
// each event reaches the workflow exactly once (the workflow posts what it receives to the
// simulator's inbox, where the test counts it).
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { freePort } from '../helpers/freePort';
import { N8N_VERSION, packPackage, startN8nServer, startRealN8n } from './realN8n';
import type { N8nServer, RealN8n } from './realN8n';

const TOKEN = 'EAATriggerE2eTokenR8t2Mn';
const BUSINESS = '1234567890123456';
const WORKFLOW_ID = 'wbmTriggerE2e001';
const DAY_MS = 86_400_000;

let n8n: RealN8n;
let server: N8nServer | undefined;
let simulator: GraphApiSimulator;

function workflow(inbox: string) {
	return {
		id: WORKFLOW_ID,
		name: 'Trigger e2e: pool changes to the inbox',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger',
				name: 'Pool changes',
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'preVerifiedNumbers',
					businessId: BUSINESS,
					poolEvents: ['verificationExpiring', 'verificationLost', 'leftPool'],
					options: {},
				},
				credentials: {
					whatsAppBusinessManagementApi: {
						id: 'wbmSimulatorCredential',
						name: 'WhatsApp Business Management (simulator)',
					},
				},
			},
			{
				id: 'templates',
				name: 'Template reviews',
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger',
				typeVersion: 1,
				position: [0, 200],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'phoneNumbers',
					wabaId: SIMULATOR_WABA_ID,
					phoneNumberEvents: ['templateStatusChanged'],
					options: {},
				},
				credentials: {
					whatsAppBusinessManagementApi: {
						id: 'wbmSimulatorCredential',
						name: 'WhatsApp Business Management (simulator)',
					},
				},
			},
			{
				id: 'inbox',
				name: 'Deliver',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
				parameters: {
					method: 'POST',
					url: inbox,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json) }}',
					options: {},
				},
			},
		],
		connections: {
			'Pool changes': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
			'Template reviews': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
		},
	};
}

async function waitFor(what: string, done: () => boolean, seconds = 300): Promise<void> {
	const deadline = Date.now() + seconds * 1000;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${seconds} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

const polls = () =>
	simulator.requests.filter((r) => r.path === `/v23.0/${BUSINESS}/preverified_numbers`).length;

beforeAll(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
	n8n = await startRealN8n(packPackage());
	const file = join(n8n.userFolder, 'trigger.workflow.json');
	writeFileSync(file, JSON.stringify(workflow(`${simulator.baseUrl}/__simulator/inbox`)));
	await n8n.importWorkflow(file);
	await n8n.importCredential({
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
		type: 'whatsAppBusinessManagementApi',
		data: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	});
});

afterAll(async () => {
	await server?.stop();
	await simulator?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

test(
	`n8n ${N8N_VERSION}: activated, the trigger emits each change once across polls`,
	async () => {
		simulator.seedPreVerifiedNumber(BUSINESS, '16315556001', true);
		simulator.seedPreVerifiedNumber(BUSINESS, '16315556002', true);
		simulator.seedPreVerifiedNumber(BUSINESS, '16315556003');
		// Two templates in Meta's review, which ends a day later.
		for (const name of ['order_update', 'delivery_update']) {
			simulator.seedMessageTemplate(SIMULATOR_WABA_ID, {
				name,
				status: 'PENDING',
				reviewAt: simulator.now() + DAY_MS,
			});
		}
		const activate = N8N_VERSION.startsWith('1.')
			? ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']
			: ['publish:workflow', `--id=${WORKFLOW_ID}`];
		await n8n.cli(activate);
		server = await startN8nServer(n8n, await freePort());

		// The baseline poll emits nothing.
		await waitFor('the baseline poll', () => polls() >= 1);
		await waitFor('the templates baseline poll', () =>
			simulator.requests.some((r) => r.path.endsWith('/message_templates')),
		);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(simulator.inbox).toHaveLength(0);

		// 91 days on: the verified numbers revert to not verified, the other one is removed; the
		// templates' review ended with APPROVED.
		const before = polls();
		simulator.advanceClock(91 * DAY_MS);
		await waitFor('five events', () => simulator.inbox.length >= 5);
		// One more poll, which must not repeat them.
		await waitFor('one more poll', () => polls() >= before + 2);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const received = simulator.inbox.map(
			(e) =>
				`${String(e.event)} ${String(e.phone_number ?? `${String(e.name)} ${String(e.current)}`)}`,
		);
		expect(received.sort()).toEqual([
			'leftPool +16315556003',
			'templateStatusChanged delivery_update APPROVED',
			'templateStatusChanged order_update APPROVED',
			'verificationLost +1 631-555-6001',
			'verificationLost +1 631-555-6002',
		]);
		for (const event of simulator.inbox) {
			expect(event).toMatchObject(
				event.waba_id ? { waba_id: SIMULATOR_WABA_ID } : { business_id: BUSINESS },
			);
			expect(JSON.stringify(event)).not.toContain(TOKEN);
		}
	},
	15 * 60_000,
);
