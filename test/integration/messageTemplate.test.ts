/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The Message Template resource in n8n's engine against the simulator (issue 25, first part: read,
// delete and health): Get Many with Meta's filters and paging, Get, Delete by name (every
// language) or name and ID (one), Get Health Status. Every input item comes out once.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAATemplateSecretTokenP4n6';
const BUSINESS = '1234567890123456';
const CLIENT_WABA = '2000000000000002';
const OTHER_WABA = '2000000000000003';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS],
		wabas: [
			{ id: CLIENT_WABA, businessId: BUSINESS, name: "Jasper's Market", client: true },
			{ id: OTHER_WABA, businessId: BUSINESS, name: 'Lucky Shrub', client: true },
		],
	});
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(operation: string, parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: {
			resource: 'messageTemplate',
			operation,
			options: { maxAttempts: 1 },
			...parameters,
		},
		rows,
		credentials: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		secrets: [TOKEN],
	});
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

function seedTemplates() {
	const order = simulator.seedMessageTemplate(CLIENT_WABA, { name: 'order_update' });
	const orderPt = simulator.seedMessageTemplate(CLIENT_WABA, {
		name: 'order_update',
		language: 'pt_BR',
	});
	const promo = simulator.seedMessageTemplate(CLIENT_WABA, {
		name: 'spring_sale',
		category: 'MARKETING',
		status: 'REJECTED',
		rejected_reason: 'PROMOTIONAL',
		quality_score: 'UNKNOWN',
	});
	simulator.seedMessageTemplate(OTHER_WABA, { name: 'order_update' });
	return { order, orderPt, promo };
}

test("Get Many lists the WABA's templates with Meta's filters; Get reads one with its quality in plain words", async () => {
	const { order, orderPt, promo } = seedTemplates();
	const all = await run('getMany', { wabaId: locator(CLIENT_WABA), returnAll: true });
	expect(all.success.map((i) => i.json.id)).toEqual([order.id, orderPt.id, promo.id]);
	const approvedOrders = await run('getMany', {
		wabaId: locator(CLIENT_WABA),
		returnAll: true,
		filters: { name: 'order', status: 'APPROVED', language: 'pt_BR' },
	});
	expect(approvedOrders.success.map((i) => [i.json.name, i.json.language])).toEqual([
		['order_update', 'pt_BR'],
	]);
	expect(decodeURIComponent(graphCalls()[1].query)).toContain(
		'name=order&status=APPROVED&language=pt_BR',
	);
	const one = await run('get', { templateId: locator(promo.id) });
	expect(one.success[0].json).toMatchObject({
		id: promo.id,
		name: 'spring_sale',
		status: 'REJECTED',
		rejected_reason: 'PROMOTIONAL',
		category: 'MARKETING',
		quality: 'UNKNOWN',
	});
});

test('Get Many follows pages: 150 templates in pages of 100, or a Limit', async () => {
	for (let i = 0; i < 150; i++) simulator.seedMessageTemplate(CLIENT_WABA, { name: `notice_${i}` });
	const all = await run('getMany', { wabaId: locator(CLIENT_WABA), returnAll: true });
	expect(all.success).toHaveLength(150);
	expect(new Set(all.success.map((i) => i.json.id)).size).toBe(150);
	expect(graphCalls()).toHaveLength(2);
	const some = await run('getMany', { wabaId: locator(CLIENT_WABA), returnAll: false, limit: 7 });
	expect(some.success).toHaveLength(7);
});

test('Delete: one language by name and ID, then every language by name; an unknown name fails its own item', async () => {
	const { order, orderPt } = seedTemplates();
	const one = await run('delete', {
		wabaId: locator(CLIENT_WABA),
		templateName: 'order_update',
		hsmId: orderPt.id,
	});
	expect(one.success[0].json).toMatchObject({
		languages: 'one',
		deleted: true,
		template_id: orderPt.id,
	});
	expect(simulator.templates.has(orderPt.id)).toBe(false);
	expect(simulator.templates.has(order.id)).toBe(true);
	const rows = [{ name: 'order_update' }, { name: 'no_such_template' }, { name: 'Order Update!' }];
	const many = await run(
		'delete',
		{ wabaId: locator(CLIENT_WABA), templateName: '={{ $json.name }}' },
		rows,
	);
	expect(many.success.map((i) => i.json.languages)).toEqual(['all']);
	expect(many.failure.map((i) => (i.json.details as IDataObject).category)).toEqual([
		'validation',
		'validation',
	]);
	expect(String(many.failure[1].json.error)).toMatch(
		/^Template Name "Order Update!" is not a template name/,
	);
	// The other WABA's template of the same name stays; the bad name was never sent.
	expect([...simulator.templates.values()].map((t) => [t.name, t.wabaId])).toEqual([
		['spring_sale', CLIENT_WABA],
		['order_update', OTHER_WABA],
	]);
	expect(graphCalls().filter((r) => r.query.includes('Order'))).toHaveLength(0);
});

test("Get Health Status of a template: BLOCKED with Meta's reason when the template is paused", async () => {
	const { order } = seedTemplates();
	simulator.health.set(order.id, { can_send_message: 'BLOCKED' });
	const { success } = await run('getHealthStatus', { templateId: locator(order.id) });
	expect(success[0].json).toMatchObject({
		id: order.id,
		can_send_message: 'BLOCKED',
		message_template_can_send_message: 'BLOCKED',
		waba_can_send_message: 'AVAILABLE',
		problems: [
			expect.objectContaining({
				entity_type: 'MESSAGE_TEMPLATE',
				error_description: 'The template is paused because of low quality.',
			}),
		],
	});
});
