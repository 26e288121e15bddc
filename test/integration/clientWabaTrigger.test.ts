/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The trigger's Client WABAs watch (issue 34) through n8n-core's PollContext against the
// simulator: a client that finishes Embedded Signup is one Client WABA Added event, a client that
// removes the partner one Client WABA Removed; nothing at the baseline or on a quiet poll; every
// page read (also over several polls with a small poll budget); a client business that gains or
// loses the credit line is one Credit Line Sharing Changed event.
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { runEachRow, triggerPoller } from '../helpers/engine';

const TOKEN = 'EAAClientWabaTriggerSecretN3d5';
const PARTNER = '1234567890123456';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [PARTNER] });
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

const credentials = () => ({
	accessToken: TOKEN,
	apiVersion: 'v23.0',
	baseUrl: simulator.baseUrl,
	businessId: PARTNER,
});

const poller = (parameters: INodeParameters = {}, pollBudgetMs?: number) =>
	triggerPoller(
		{
			watch: 'clientWabas',
			clientWabaEvents: ['clientWabaAdded', 'clientWabaRemoved'],
			...parameters,
		},
		credentials(),
		'trigger',
		pollBudgetMs,
	);

/** A client finishes Embedded Signup (the simulator's control route, as the e2e test uses it). */
async function clientArrives(id: string, name: string) {
	const answer = await fetch(`${simulator.baseUrl}/__simulator/client_wabas`, {
		method: 'POST',
		body: JSON.stringify({ id, name, currency: 'EUR', phoneNumber: '6315558000' }),
	});
	return (await answer.json()) as { id: string; phone_number_id: string };
}

const json = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => i.json);
const listReads = () =>
	simulator.requests.filter((r) => r.path.endsWith('/client_whatsapp_business_accounts'));

test('baseline first; one event per client WABA added and removed, with id, name, currency and owner; none on a quiet poll', async () => {
	await clientArrives('2000000000000101', 'Existing Client');
	const trigger = poller();
	expect(await trigger.poll()).toBeNull();
	expect(await trigger.poll()).toBeNull();
	await clientArrives('2000000000000102', "Jasper's Market");
	const added = json(await trigger.poll());
	expect(added).toEqual([
		{
			event: 'clientWabaAdded',
			waba_id: '2000000000000102',
			name: "Jasper's Market",
			currency: 'EUR',
			owner_business_id: '4000000000000102',
			owner_business_name: "Jasper's Market (client)",
			business_id: PARTNER,
			detected_at: expect.any(String),
		},
	]);
	expect(await trigger.poll()).toBeNull();
	await fetch(`${simulator.baseUrl}/__simulator/client_wabas/2000000000000101`, {
		method: 'DELETE',
	});
	expect(json(await trigger.poll())).toEqual([
		expect.objectContaining({
			event: 'clientWabaRemoved',
			waba_id: '2000000000000101',
			name: 'Existing Client',
			currency: 'EUR',
			owner_business_id: '4000000000000101',
		}),
	]);
	expect(await trigger.poll()).toBeNull();
	// Per WABA only what an event needs once it is gone: name, currency, owner.
	const state = trigger.staticData().clientWabas as { wabas: Record<string, string[]> };
	expect(state.wabas).toEqual({
		'2000000000000102': ["Jasper's Market", 'EUR', '4000000000000102'],
	});
});

test('Emit Existing: the first poll reports the clients already there, once', async () => {
	await clientArrives('2000000000000101', 'A');
	await clientArrives('2000000000000102', 'B');
	const trigger = poller({ options: { emitExisting: true } });
	expect(json(await trigger.poll()).map((e) => e.waba_id)).toEqual([
		'2000000000000101',
		'2000000000000102',
	]);
	expect(await trigger.poll()).toBeNull();
});

test('250 client WABAs over three pages: all read, each added once; with a small poll budget over several polls, nothing lost or repeated', async () => {
	const trigger = poller({}, 1);
	expect(await trigger.poll()).toBeNull();
	for (let i = 0; i < 250; i++) {
		simulator.wabas.set(String(2000000000001000 + i), {
			id: String(2000000000001000 + i),
			businessId: PARTNER,
			name: `Client ${i}`,
			client: true,
		});
	}
	const seen: string[] = [];
	for (let poll = 0; poll < 6; poll++)
		seen.push(...json(await trigger.poll()).map((e) => String(e.waba_id)));
	expect(seen).toHaveLength(250);
	expect(new Set(seen).size).toBe(250);
	expect(listReads().length).toBeGreaterThanOrEqual(4);
});

test('Credit Line Sharing Changed: a client business that gains, then loses the credit line; a baseline when ticked on a running trigger', async () => {
	const creditLine = simulator.seedCreditLine(PARTNER, 'Partner Solutions Ltd');
	const { id } = await clientArrives('2000000000000102', "Jasper's Market");
	const trigger = poller();
	expect(await trigger.poll()).toBeNull();
	trigger.setParameters({
		clientWabaEvents: ['clientWabaAdded', 'clientWabaRemoved', 'creditLineSharingChanged'],
		creditLineId: creditLine,
	});
	expect(await trigger.poll()).toBeNull();
	const run = (operation: string, parameters: INodeParameters) =>
		runEachRow({
			parameters: {
				resource: 'creditLine',
				operation,
				creditLineId: { __rl: true, mode: 'id', value: creditLine },
				wabaId: { __rl: true, mode: 'id', value: id },
				...parameters,
			},
			rows: [{}],
			credentials: credentials(),
			secrets: [TOKEN],
		});
	await run('share', { currency: 'waba' });
	expect(json(await trigger.poll())).toEqual([
		expect.objectContaining({
			event: 'creditLineSharingChanged',
			credit_line_id: creditLine,
			owner_business_id: '4000000000000102',
			previous: 'NOT_SHARED',
			current: 'SHARED',
			waba_ids: [id],
		}),
	]);
	expect(await trigger.poll()).toBeNull();
	await run('revoke', {});
	expect(json(await trigger.poll())).toEqual([
		expect.objectContaining({ event: 'creditLineSharingChanged', current: 'NOT_SHARED' }),
	]);
});

test('"Fetch Test Event": one client WABA as a sample, or a made-up one', async () => {
	const manual = triggerPoller(
		{ watch: 'clientWabas', clientWabaEvents: ['clientWabaAdded'] },
		credentials(),
		'manual',
	);
	expect(json(await manual.poll())).toEqual([
		expect.objectContaining({ event: 'clientWabaAdded', sample: true, waba_id: '100000000000000' }),
	]);
	await clientArrives('2000000000000102', "Jasper's Market");
	expect(json(await manual.poll())).toEqual([
		expect.objectContaining({ waba_id: '2000000000000102', sample: true }),
	]);
});
