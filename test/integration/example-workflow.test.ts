/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The example workflow users import (stock Manual Trigger, Edit Fields, Split Out, then our
// node with "Continue (using error output)") runs as-is in n8n's engine against the simulator.
import { readFileSync } from 'fs';
import { join } from 'path';

import { atoms, GraphApiSimulator, wabaPhones } from '../../simulator/GraphApiSimulator';
import type { INodeExecutionData } from 'n8n-workflow';

import {
	afterTrigger,
	RowsTrigger,
	runWorkflow,
	sourceNodeTypes,
	stockNodeTypes,
	triggerPoller,
} from '../helpers/engine';
import type { WorkflowFile } from '../helpers/engine';

const TOKEN = 'EAAExampleWorkflowTokenQ4x9';
const source = join(
	__dirname,
	'../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.ts',
);

test('examples/add-phone-numbers.workflow.json: every row out once, IDs from the simulator', async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/add-phone-numbers.workflow.json'), 'utf8'),
	) as WorkflowFile;
	const simulator = new GraphApiSimulator({ token: TOKEN, businessIds: ['1234567890123456'] });
	const baseUrl = await simulator.start();
	try {
		const result = await runWorkflow(
			workflow,
			{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl },
			stockNodeTypes(source),
		);
		expect(result.error).toBeUndefined();
		const rows = result.outputs('One item per row')[0];
		const [success, failure] = result.outputs('Add Phone Number');
		expect(rows).toHaveLength(12);
		expect(success.length + failure.length).toBe(rows.length);
		const issued = new Set([...simulator.numbers.keys()]);
		for (const item of success) expect(issued.has(String(item.json.id))).toBe(true);
		expect(success).toHaveLength(simulator.numbers.size);
		expect(
			failure.map((i) => [i.json.name, (i.json.details as { category: string }).category]),
		).toEqual([
			['Eli Cohen', 'duplicate'],
			['Fay Wong', 'validation'],
			['Hal Moss', 'validation'],
			['Kai Berg', 'validation'],
		]);
		const paired = [...success, ...failure].map((i) => (i.pairedItem as { item: number }).item);
		expect(paired.sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	} finally {
		await simulator.stop();
	}
});

test('examples/monthly-cost-per-client.workflow.json: one CSV row per client WABA, its sums equal the simulator data', async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/monthly-cost-per-client.workflow.json'), 'utf8'),
	) as WorkflowFile;
	const business = '1234567890123456';
	const clients = ['2000000000000002', '2000000000000003'];
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [business],
		wabas: [
			{ id: '2000000000000001', businessId: business, name: 'Partner WABA' },
			{ id: clients[0], businessId: business, name: "Jasper's Market", client: true },
			{ id: clients[1], businessId: business, name: 'Lucky Shrub', client: true },
		],
	});
	const baseUrl = await simulator.start();
	simulator.seedConnectedPhoneNumber('1906385232743451', '6315551000', { wabaId: clients[0] });
	try {
		const result = await runWorkflow(
			workflow,
			{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl },
			stockNodeTypes(source),
		);
		expect(result.error).toBeUndefined();
		const now = new Date();
		const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) / 1000;
		const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1) / 1000;
		const expected = clients.map((id) => {
			const data = atoms(wabaPhones(simulator, id), id, start, end);
			return {
				waba_id: id,
				currency: 'USD',
				sum_volume: data.reduce((s, a) => s + a.volume, 0),
				sum_cost: Math.round(data.reduce((s, a) => s + a.cost, 0) * 100) / 100,
			};
		});
		const sums = result.outputs('Sum per Client')[0].map((i) => ({
			...i.json,
			sum_cost: Math.round(Number(i.json.sum_cost) * 100) / 100,
		}));
		expect(sums).toEqual(expected);
		// Four pricing categories a month per client, before the sum.
		expect(result.outputs("Last Month's Pricing")[0]).toHaveLength(8);
		const [file] = result.outputs('CSV')[0];
		expect(file.binary?.data).toMatchObject({ fileName: 'whatsapp-cost-last-month.csv' });
		const csv = Buffer.from(String(file.binary?.data.data), 'base64').toString('utf8');
		const lines = csv.trim().split('\n');
		const header = lines[0].split(',');
		expect([...header].sort()).toEqual(['currency', 'sum_cost', 'sum_volume', 'waba_id']);
		expect(lines).toHaveLength(3);
		for (const [index, row] of expected.entries()) {
			const cells = lines[index + 1].split(',');
			const cell = (name: string) => cells[header.indexOf(name)];
			expect([cell('waba_id'), cell('currency'), Number(cell('sum_volume'))]).toEqual([
				row.waba_id,
				'USD',
				row.sum_volume,
			]);
			expect(Number(cell('sum_cost'))).toBeCloseTo(row.sum_cost, 2);
		}
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	} finally {
		await simulator.stop();
	}
});

test("examples/starter-templates and template-approvals: a new client's WABA gets the approved starter templates, and the trigger sees each reach APPROVED", async () => {
	const read = (name: string) =>
		JSON.parse(
			readFileSync(join(__dirname, `../../examples/${name}.workflow.json`), 'utf8'),
		) as WorkflowFile;
	const business = '1234567890123456';
	const [starter, client] = ['2000000000000001', '2000000000000002'];
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [business],
		wabas: [
			{ id: starter, businessId: business, name: 'Starter templates' },
			{ id: client, businessId: business, name: "Jasper's Market", client: true },
		],
		templateReviewMs: 60_000,
	});
	const baseUrl = await simulator.start();
	const credentials = { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl };
	for (const name of ['order_update', 'appointment_reminder', 'delivery_update']) {
		simulator.seedMessageTemplate(starter, { name });
	}
	simulator.seedMessageTemplate(starter, { name: 'old_promo', status: 'PAUSED' });
	try {
		const approvals = read('template-approvals');
		const trigger = approvals.nodes.find((n) => n.name === 'Template reviews');
		const poller = triggerPoller(trigger?.parameters ?? {}, credentials);
		expect(await poller.poll()).toBeNull(); // the baseline: the client has no template yet

		const result = await runWorkflow(
			read('starter-templates'),
			credentials,
			stockNodeTypes(source),
		);
		expect(result.error).toBeUndefined();
		const [copied, failed] = result.outputs('Copy to the client');
		expect(failed).toEqual([]);
		expect(copied.map((i) => i.json.migrated)).toEqual([true, true, true]);
		const copies = [...simulator.templates.values()].filter((t) => t.wabaId === client);
		expect(copies.map((t) => [t.name, t.status]).sort()).toEqual([
			['appointment_reminder', 'PENDING'],
			['delivery_update', 'PENDING'],
			['order_update', 'PENDING'],
		]);

		const created = (await poller.poll()) ?? [];
		expect(created.map((i) => i.json.current)).toEqual(['PENDING', 'PENDING', 'PENDING']);
		simulator.advanceClock(60_000);
		const reviewed = (await poller.poll()) ?? [];
		expect(reviewed.map((i) => [i.json.name, i.json.previous, i.json.current]).sort()).toEqual([
			['appointment_reminder', 'PENDING', 'APPROVED'],
			['delivery_update', 'PENDING', 'APPROVED'],
			['order_update', 'PENDING', 'APPROVED'],
		]);
		// The example's Filter keeps the approvals, not the creations.
		const filter = approvals.nodes.find((n) => n.name === 'Approved');
		const filtered = await runWorkflow(
			{
				...approvals,
				nodes: [
					{
						id: 'rows',
						name: 'Events',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: { rows: JSON.stringify([...created, ...reviewed].map((i) => i.json)) },
					},
					{ ...(filter as WorkflowFile['nodes'][number]), position: [200, 0] },
				],
				connections: { Events: { main: [[{ node: 'Approved', type: 'main', index: 0 }]] } },
			},
			credentials,
			{
				...sourceNodeTypes(),
				'n8n-nodes-base.filter': stockNodeTypes(source)['n8n-nodes-base.filter'],
			},
		);
		expect(filtered.outputs('Approved')[0].map((i) => i.json.current)).toEqual([
			'APPROVED',
			'APPROVED',
			'APPROVED',
		]);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	} finally {
		await simulator.stop();
	}
});

test('examples/new-client-onboarding.workflow.json: a client that finishes signup comes out with the system user assigned, the credit line verified, the app subscribed, its number CONNECTED with a profile and the starter templates copied', async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/new-client-onboarding.workflow.json'), 'utf8'),
	) as WorkflowFile;
	const business = '1234567890123456';
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [business],
		wabas: [{ id: '2000000000000001', businessId: business, name: 'Starter templates' }],
	});
	const baseUrl = await simulator.start();
	const credentials = { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl, businessId: business };
	simulator.seedCreditLine(business, 'Partner Solutions Ltd', '1972385232742146');
	for (const name of ['order_update', 'appointment_reminder']) {
		simulator.seedMessageTemplate('2000000000000001', { name });
	}
	try {
		const trigger = workflow.nodes.find((n) => n.name === 'Client WABA Added');
		const poller = triggerPoller(trigger?.parameters ?? {}, credentials);
		expect(await poller.poll()).toBeNull(); // the baseline: no client yet
		const signup = await fetch(`${baseUrl}/__simulator/client_wabas`, {
			method: 'POST',
			body: JSON.stringify({
				id: '2000000000000102',
				name: "Jasper's Market",
				currency: 'EUR',
				phoneNumber: '6315558000',
			}),
		});
		const { phone_number_id: phone } = (await signup.json()) as { phone_number_id: string };
		const events = (await poller.poll()) ?? [];
		expect(events.map((e) => [e.json.event, e.json.waba_id])).toEqual([
			['clientWabaAdded', '2000000000000102'],
		]);

		const result = await runWorkflow(
			afterTrigger(workflow, 'Client WABA Added', events),
			credentials,
			sourceNodeTypes(),
		);
		expect(result.error).toBeUndefined();
		const only = (name: string) => {
			const [success = [], failure = []] = result.outputs(name);
			expect(failure).toEqual([]);
			return success.map((i) => i.json);
		};
		expect(only('Assign System User')).toEqual([
			expect.objectContaining({ assigned: true, user_id: '10000000000001' }),
		]);
		expect(only('Share Credit Line')).toEqual([
			expect.objectContaining({ verified: true, currency: 'EUR', alreadyShared: false }),
		]);
		expect(only('Subscribe App to Webhooks')).toEqual([
			expect.objectContaining({ subscribed: true }),
		]);
		expect(only('Register')).toEqual([expect.objectContaining({ id: phone, registered: true })]);
		expect(only('Update Business Profile')).toEqual([expect.objectContaining({ success: true })]);
		expect(only('Copy Starter Templates').map((t) => t.migrated)).toEqual([true, true]);
		const client = simulator.wabas.get('2000000000000102');
		expect(client?.assignedUsers).toEqual([{ id: '10000000000001', tasks: ['MANAGE'] }]);
		expect(client?.primaryFundingId).toBeDefined();
		expect(client?.subscribedApps).toHaveLength(1);
		expect(simulator.phoneNumbers.get(phone)).toMatchObject({ status: 'CONNECTED' });
		expect(simulator.phoneNumbers.get(phone)?.businessProfile).toMatchObject({
			about: "Jasper's Market: ask us anything here",
		});
		expect(
			[...simulator.templates.values()].filter((t) => t.wabaId === client?.id).map((t) => t.name),
		).toEqual(['order_update', 'appointment_reminder']);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		// The PIN is in the workflow's parameters (n8n's storage), never in what a node wrote.
		const written = Object.values(result.run.data.resultData.runData).map((runs) =>
			runs.map((run) => run.data),
		);
		expect(JSON.stringify(written)).not.toContain('246810');
	} finally {
		await simulator.stop();
	}
});

test('examples/client-alerts.workflow.json: every client watched by one trigger; each problem on its own branch', async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/client-alerts.workflow.json'), 'utf8'),
	) as WorkflowFile;
	const business = '1234567890123456';
	const clients = ['2000000000000102', '2000000000000103', '2000000000000104'];
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [business],
		wabas: clients.map((id, i) => ({
			id,
			businessId: business,
			name: `Client ${i}`,
			client: true,
		})),
	});
	const baseUrl = await simulator.start();
	const credentials = { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl, businessId: business };
	clients.forEach((id, i) =>
		simulator.seedConnectedPhoneNumber(String(1906385232743460 + i), `631555700${i}`, {
			wabaId: id,
		}),
	);
	const template = simulator.seedMessageTemplate(clients[1], { name: 'spring_sale' });
	const realNow = Date.now;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + simulator.clockOffsetMs);
	try {
		const trigger = workflow.nodes.find((n) => n.name === 'Every Client WABA');
		const poller = triggerPoller(trigger?.parameters ?? {}, credentials);
		// The first interval: each client's baseline, spread over the polls.
		for (let minute = 0; minute <= 30; minute++) {
			expect(await poller.poll()).toBeNull();
			simulator.advanceClock(60_000);
		}
		simulator.phoneNumbers.get('1906385232743460')!.quality_rating = 'RED';
		template.status = 'REJECTED';
		simulator.health.set('1906385232743461', { can_send_message: 'BLOCKED' });
		simulator.wabas.get(clients[2])!.partnerRemoved = true;
		const events: INodeExecutionData[] = [];
		for (let minute = 0; minute <= 31; minute++) {
			events.push(...((await poller.poll()) ?? []));
			simulator.advanceClock(60_000);
		}
		const result = await runWorkflow(
			afterTrigger(workflow, 'Every Client WABA', events),
			credentials,
			{ ...stockNodeTypes(source), 'n8n-nodes-base.manualTrigger': new RowsTrigger() },
		);
		expect(result.error).toBeUndefined();
		const branch = (name: string) =>
			(result.outputs(name)[0] ?? []).map(
				(i) => `${String(i.json.event)} ${String(i.json.waba_id)}`,
			);
		expect(branch('Quality Dropped (RED or YELLOW)')).toEqual([`qualityChanged ${clients[0]}`]);
		expect(branch('Template REJECTED or PAUSED')).toEqual([`templateStatusChanged ${clients[1]}`]);
		// A client that removed the partner: its reads are refused first (unreadable), then the
		// list no longer has it (removed); both on this branch.
		expect(branch('Client Left or Unreadable').sort()).toEqual([
			`clientWabaRemoved ${clients[2]}`,
			`clientWabaUnreadable ${clients[2]}`,
		]);
		expect(branch('Cannot Send (BLOCKED or LIMITED)')).toEqual([
			`healthStatusChanged ${clients[1]}`,
		]);
		expect(branch('Everything Else')).toEqual([]);
	} finally {
		jest.restoreAllMocks();
		await simulator.stop();
	}
});
