/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Contract: the Message Template requests against Prism serving Meta's contract (its template
// paths only, so that no other /{Version}/{X} template takes a request on a template ID). Zero
// violations, a success item each. The contract documents no error status for these paths (the
// last test holds it to that), so their errors are tested against the simulator.
import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import type { INodeParameters } from 'n8n-workflow';

import { nodeWorkflow, runWorkflow } from '../helpers/engine';
import { SPEC_PATH, specOnly, startPrism } from '../helpers/prism';
import type { PrismServer } from '../helpers/prism';

const TOKEN = 'EAAContractTemplatesTokenW2q6';
const WABA = { __rl: true, mode: 'id', value: '2345678901234567' };
const TEMPLATE = { __rl: true, mode: 'id', value: '1473688840035974' };
const PATHS = ['/{Version}/{WABA-ID}/message_templates', '/{Version}/{TEMPLATE_ID}'];
let prism: PrismServer;

beforeAll(async () => {
	prism = await startPrism(specOnly(PATHS));
}, 120_000);

afterAll(async () => {
	await prism?.stop();
});

beforeEach(() => {
	prism.exchanges.length = 0;
});

const CASES: Array<{ title: string; method: string; path: string; parameters: INodeParameters }> = [
	{
		title: 'Get Many with filters',
		method: 'GET',
		path: '/v23.0/2345678901234567/message_templates?',
		parameters: {
			operation: 'getMany',
			wabaId: WABA,
			returnAll: false,
			limit: 5,
			filters: { status: 'APPROVED' },
		},
	},
	{
		title: 'Get',
		method: 'GET',
		path: '/v23.0/1473688840035974?fields=',
		parameters: { operation: 'get', templateId: TEMPLATE },
	},
	{
		title: 'Create from the fields (text header, body, footer, buttons)',
		method: 'POST',
		path: '/v23.0/2345678901234567/message_templates',
		parameters: {
			operation: 'create',
			wabaId: WABA,
			templateName: 'seasonal_promotion',
			language: 'en_US',
			category: 'MARKETING',
			headerFormat: 'TEXT',
			headerText: 'Our {{1}} is on!',
			headerExample: 'Summer Sale',
			bodyText: 'Shop now through {{1}} and use code {{2}}.',
			bodyExamples: { example: [{ value: 'the end of August' }, { value: '25OFF' }] },
			footerText: 'Use the buttons below to manage your subscriptions',
			buttons: {
				button: [
					{ type: 'QUICK_REPLY', text: 'Unsubscribe from Promos' },
					{
						type: 'URL',
						text: 'Shop Now',
						url: 'https://shop.example/promo/{{1}}',
						urlExample: 'summer2023',
					},
					{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+1 646 704 3595' },
				],
			},
		},
	},
	{
		title: 'Create an authentication template',
		method: 'POST',
		path: '/v23.0/2345678901234567/message_templates',
		parameters: {
			operation: 'create',
			wabaId: WABA,
			templateName: 'authentication_code_copy_code_button',
			category: 'AUTHENTICATION',
			codeExpiryMinutes: 10,
		},
	},
	{
		title: 'Edit the category and the content',
		method: 'POST',
		path: '/v23.0/1473688840035974',
		parameters: {
			operation: 'edit',
			templateId: TEMPLATE,
			category: 'MARKETING',
			componentsInput: 'fields',
			bodyText: 'Hi {{1}}, our fall sale is on.',
			bodyExamples: { example: [{ value: 'Mark' }] },
			buttons: { button: [{ type: 'QUICK_REPLY', text: 'Stop promotions' }] },
		},
	},
	{
		title: 'Delete by name',
		method: 'DELETE',
		path: '/v23.0/2345678901234567/message_templates?name=order_update',
		parameters: { operation: 'delete', wabaId: WABA, templateName: 'order_update' },
	},
];

test.each(CASES)('$title: zero violations and a success item', async (c) => {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: { resource: 'messageTemplate', options: { maxAttempts: 1 }, ...c.parameters },
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: prism.baseUrl },
	);
	expect(result.error).toBeUndefined();
	expect(prism.exchanges).toHaveLength(1);
	const [exchange] = prism.exchanges;
	expect(exchange.violations).toEqual([]);
	expect(exchange.status).toBe(200);
	expect(exchange.method).toBe(c.method);
	expect(exchange.path.startsWith(c.path)).toBe(true);
	const [success, failure] = result.outputs('WhatsApp');
	expect(failure).toEqual([]);
	expect(success.length).toBeGreaterThanOrEqual(c.title.startsWith('Get Many') ? 0 : 1);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
});

test('the contract documents only 200 for the template paths (their errors are tested against the simulator)', () => {
	const spec = load(readFileSync(SPEC_PATH, 'utf8')) as {
		paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
	};
	for (const path of PATHS) {
		for (const operation of Object.values(spec.paths[path])) {
			if (operation.responses) expect(Object.keys(operation.responses)).toEqual(['200']);
		}
	}
});
