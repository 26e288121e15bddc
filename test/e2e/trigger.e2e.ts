/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The trigger in the real n8n (N8N_VERSION): the workflow is activated, n8n polls every minute
// (its shortest interval), the simulator's clock moves 91 days after the baseline poll, a client
// finishes Embedded Signup and another removes the partner, and each event reaches the workflow
// exactly once (the workflow posts what it receives to the simulator's inbox, where the test
// counts it). The onboarding example, imported as it is and activated beside it, takes the new
// client to ready to message.
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
				id: 'clients',
				name: 'Client WABAs',
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger',
				typeVersion: 1,
				position: [0, 400],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'clientWabas',
					businessId: BUSINESS,
					clientWabaEvents: ['clientWabaAdded', 'clientWabaRemoved'],
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
				id: 'fleet',
				name: 'Every client',
				type: 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger',
				typeVersion: 1,
				position: [0, 600],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					watch: 'everyClientWaba',
					businessId: BUSINESS,
					fleetEvents: ['qualityChanged', 'templateStatusChanged'],
					// Each WABA every minute (the panel's least is 5): a round per poll, for the test.
					checkEveryMinutes: 1,
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
			'Client WABAs': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
			'Every client': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
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
const clientPolls = () =>
	simulator.requests.filter(
		(r) => r.path === `/v23.0/${BUSINESS}/client_whatsapp_business_accounts`,
	).length;
/** The example users import, as it is: the simulator's IDs are its own. */
const ONBOARDING = join(__dirname, '../../examples/new-client-onboarding.workflow.json');
const ONBOARDING_ID = 'wbmNewClientOnboard1';
const STARTER_WABA = '2000000000000001';
const FLEET = Array.from({ length: 20 }, (_, i) => String(2000000000000301 + i));
/** Requests that read a fleet WABA's numbers: one per WABA per round. */
const fleetReads = (id: string) =>
	simulator.requests.filter((r) => r.path === `/v23.0/${id}/phone_numbers`).length;

beforeAll(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
	n8n = await startRealN8n(packPackage());
	const file = join(n8n.userFolder, 'trigger.workflow.json');
	writeFileSync(file, JSON.stringify(workflow(`${simulator.baseUrl}/__simulator/inbox`)));
	await n8n.importWorkflow(file);
	await n8n.importWorkflow(ONBOARDING);
	await n8n.importCredential({
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
		type: 'whatsAppBusinessManagementApi',
		data: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			businessId: BUSINESS,
		},
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
		// A client already there at the baseline, which removes the partner later; the onboarding
		// example's credit line and starter templates.
		simulator.wabas.set('2000000000000201', {
			id: '2000000000000201',
			businessId: BUSINESS,
			name: 'Leaving Client',
			client: true,
		});
		simulator.seedCreditLine(BUSINESS, 'Partner Solutions Ltd', '1972385232742146');
		// The fleet: 20 client WABAs, a number and an approved template each.
		for (const id of FLEET) {
			simulator.wabas.set(id, {
				id,
				businessId: BUSINESS,
				name: `Fleet ${id.slice(-2)}`,
				client: true,
			});
			simulator.seedConnectedPhoneNumber(`19063852327${id.slice(-5)}`, `63155${id.slice(-5)}`, {
				wabaId: id,
			});
			simulator.seedMessageTemplate(id, { name: 'fleet_offer' });
		}
		simulator.seedMessageTemplate(STARTER_WABA, { name: 'welcome_offer' });
		for (const id of [WORKFLOW_ID, ONBOARDING_ID]) {
			await n8n.cli(
				N8N_VERSION.startsWith('1.')
					? ['update:workflow', `--id=${id}`, '--active=true']
					: ['publish:workflow', `--id=${id}`],
			);
		}
		server = await startN8nServer(n8n, await freePort());

		// The baseline poll emits nothing.
		await waitFor('the baseline poll', () => polls() >= 1);
		await waitFor('the templates baseline poll', () =>
			simulator.requests.some((r) => r.path.endsWith('/message_templates')),
		);
		// The three watches of the client list (the inbox's, the onboarding example's and the
		// fleet's) took their baseline.
		await waitFor('the client WABAs baseline polls', () => clientPolls() >= 3);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(simulator.inbox).toHaveLength(0);

		// 91 days on: the verified numbers revert to not verified, the other one is removed; the
		// templates' review ended with APPROVED. Meanwhile a client finishes Embedded Signup and
		// another removes the partner.
		// The fleet's baseline: every client WABA read at the first poll (one poll an interval).
		await waitFor('the fleet baseline', () => FLEET.every((id) => fleetReads(id) >= 1));
		const before = polls();
		simulator.advanceClock(91 * DAY_MS);
		// The fleet: a number's quality drops in one client WABA, a template is rejected in another.
		simulator.phoneNumbers.get(`19063852327${FLEET[4].slice(-5)}`)!.quality_rating = 'RED';
		[...simulator.templates.values()].find((t) => t.wabaId === FLEET[9])!.status = 'REJECTED';
		const fleetRound = fleetReads(FLEET[4]);
		const signup = await fetch(`${simulator.baseUrl}/__simulator/client_wabas`, {
			method: 'POST',
			body: JSON.stringify({
				id: '2000000000000202',
				name: "Jasper's Market",
				currency: 'EUR',
				phoneNumber: '6315558000',
			}),
		});
		const { phone_number_id: phone } = (await signup.json()) as { phone_number_id: string };
		await fetch(`${simulator.baseUrl}/__simulator/client_wabas/2000000000000201`, {
			method: 'DELETE',
		});
		await waitFor('seven events', () => simulator.inbox.length >= 7);
		// One more poll, which must not repeat them.
		await waitFor('one more poll', () => polls() >= before + 2);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const fleetEvents = () => simulator.inbox.filter((e) => 'waba_name' in e);
		const clients = simulator.inbox.filter((e) => String(e.event).startsWith('clientWaba'));
		const received = simulator.inbox
			.filter((e) => !clients.includes(e) && !fleetEvents().includes(e))
			.map(
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
		expect(clients.map((e) => [e.event, e.waba_id, e.name]).sort()).toEqual([
			['clientWabaAdded', '2000000000000202', "Jasper's Market"],
			['clientWabaRemoved', '2000000000000201', 'Leaving Client'],
		]);
		for (const event of simulator.inbox) {
			expect(event).toMatchObject(
				event.waba_id && !clients.includes(event) && !fleetEvents().includes(event)
					? { waba_id: SIMULATOR_WABA_ID }
					: { business_id: BUSINESS },
			);
			expect(JSON.stringify(event)).not.toContain(TOKEN);
		}

		// The onboarding example, as imported: the new client comes out with its system user
		// assigned, the credit line verified, its number CONNECTED and the templates copied.
		const client = () => simulator.wabas.get('2000000000000202');
		await waitFor('the onboarding example', () =>
			Boolean(
				simulator.phoneNumbers.get(phone)?.businessProfile &&
				[...simulator.templates.values()].some((t) => t.wabaId === '2000000000000202'),
			),
		);
		expect(client()?.assignedUsers).toEqual([{ id: '10000000000001', tasks: ['MANAGE'] }]);
		const allocation = [...simulator.creditAllocations.values()].find(
			(a) => a.receivingCredentialId === client()?.primaryFundingId,
		);
		expect(allocation).toMatchObject({
			creditLineId: '1972385232742146',
			request_status: 'ACTIVE',
		});
		expect(client()?.subscribedApps).toHaveLength(1);
		expect(simulator.phoneNumbers.get(phone)?.status).toBe('CONNECTED');
		expect(
			[...simulator.templates.values()]
				.filter((t) => t.wabaId === '2000000000000202')
				.map((t) => t.name),
		).toContain('welcome_offer');

		// The fleet's two changes each reached the workflow once, over two more rounds.
		await waitFor('two fleet rounds', () => fleetReads(FLEET[4]) >= fleetRound + 2);
		const fromFleet = fleetEvents().filter((e) => FLEET.includes(String(e.waba_id)));
		expect(fromFleet.map((e) => [e.event, e.waba_id, e.current]).sort()).toEqual([
			['qualityChanged', FLEET[4], 'RED'],
			['templateStatusChanged', FLEET[9], 'REJECTED'],
		]);
		for (const event of fromFleet) {
			expect(event).toMatchObject({
				business_id: BUSINESS,
				waba_name: `Fleet ${String(event.waba_id).slice(-2)}`,
			});
		}
	},
	15 * 60_000,
);
