/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, import-x/no-unresolved -- test code: runs in Node.js, never inside n8n; the MCP SDK is reached by its "./*" export pattern, which the lint resolver does not read (Jest and tsc do) */
// The node as an AI agent's tool, in the real n8n 2.41: n8n wraps it as
// `…whatsAppBusinessManagementTool`, an MCP Server Trigger serves several of them (Add Phone
// Number, Get Many, templates, Share Credit Line and Get Credit Line Status, their inputs from
// $fromAI), and the official MCP TypeScript SDK, as any MCP client would (no language model
// needed), lists the tools and calls them over HTTP.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { freePort } from '../helpers/freePort';
import { N8N_VERSION, packPackage, startN8nServer, startRealN8n } from './realN8n';
import type { N8nServer, RealN8n } from './realN8n';

const TOKEN = 'EAAMcpE2eSecretTokenW4t6Lp';
const BUSINESS = '1234567890123456';
const WORKFLOW_ID = 'wbmMcpTools00001';
const CREDIT_LINE = '1972385232742146';
const CLIENT_WABA = '2000000000000002';
const MCP_PATH = 'whatsapp-tools';
const TOOL_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTool';
const CREDENTIAL = {
	whatsAppBusinessManagementApi: {
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
	},
};

// The MCP Server Trigger is n8n 2.x's; 1.x serves tools differently and is not covered here.
const describeOn241 = N8N_VERSION.startsWith('2.') ? describe : describe.skip;

describeOn241('MCP', () => {
	let simulator: GraphApiSimulator;
	let n8n: RealN8n;
	let server: N8nServer;
	let client: Client;
	let logFile: string;

	beforeAll(async () => {
		simulator = new GraphApiSimulator({
			token: TOKEN,
			businessIds: [BUSINESS],
			wabas: [
				{ id: SIMULATOR_WABA_ID, businessId: BUSINESS, name: 'Partner WABA' },
				{ id: CLIENT_WABA, businessId: BUSINESS, name: "Jasper's Market", client: true },
			],
		});
		await simulator.start();
		simulator.seedCreditLine(BUSINESS, 'Partner Solutions Ltd', CREDIT_LINE);
		n8n = await startRealN8n(packPackage());
		await n8n.importCredential({
			...CREDENTIAL.whatsAppBusinessManagementApi,
			type: 'whatsAppBusinessManagementApi',
			data: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		});
		const file = join(n8n.userFolder, 'mcp.workflow.json');
		writeFileSync(file, JSON.stringify(mcpWorkflow()));
		await n8n.importWorkflow(file);
		const published = await n8n.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		logFile = join(n8n.userFolder, 'n8n.log');
		const log = openSync(logFile, 'w');
		server = await startN8nServer(n8n, await freePort(), ['ignore', log, log]);
		closeSync(log);
		await untilServed(`${server.url}/mcp/${MCP_PATH}`, published);
		client = new Client({ name: 'wbm-e2e', version: '1.0.0' });
		await client.connect(
			new StreamableHTTPClientTransport(new URL(`${server.url}/mcp/${MCP_PATH}`)),
		);
	}, 20 * 60_000);

	afterAll(async () => {
		await client?.close();
		await server?.stop();
		await simulator?.stop();
		if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
	});

	const text = (result: Awaited<ReturnType<Client['callTool']>>) =>
		(result.content as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('\n');

	test(`n8n ${N8N_VERSION}: an MCP client lists the node's tools with their $fromAI inputs`, async () => {
		const { tools } = await client.listTools();
		const add = tools.find((t) => t.name === 'Add_Phone_Number');
		const list = tools.find((t) => t.name === 'Get_Pool_Numbers');
		expect(add?.description).toMatch(/phone number/i);
		expect(Object.keys(add?.inputSchema.properties ?? {})).toContain('phone_number');
		expect(list).toBeDefined();
	});

	test(`n8n ${N8N_VERSION}: Add through MCP adds the number once; Get Many then lists it`, async () => {
		const added = await client.callTool({
			name: 'Add_Phone_Number',
			arguments: { phone_number: '+1 (631) 555-4400' },
		});
		expect(added.isError).not.toBe(true);
		const id = [...simulator.numbers.values()].find((n) => n.digits === '16315554400')?.id;
		expect(id).toBeDefined();
		expect(text(added)).toContain(String(id));
		expect(simulator.addsByNumber.get('16315554400')).toBe(1);

		const listed = await client.callTool({ name: 'Get_Pool_Numbers', arguments: {} });
		expect(text(listed)).toContain(String(id));
	});

	test(`n8n ${N8N_VERSION}: message templates through MCP: Create sends one template for review; List Message Templates shows it`, async () => {
		const { tools } = await client.listTools();
		const create = tools.find((t) => t.name === 'Create_Message_Template');
		expect(Object.keys(create?.inputSchema.properties ?? {}).sort()).toEqual(
			expect.arrayContaining(['body', 'template_name']),
		);
		expect(tools.some((t) => t.name === 'List_Message_Templates')).toBe(true);
		const created = await client.callTool({
			name: 'Create_Message_Template',
			arguments: { template_name: 'welcome_back', body: 'Welcome back! Your order is ready.' },
		});
		expect(created.isError).not.toBe(true);
		const made = [...simulator.templates.values()].filter((t) => t.name === 'welcome_back');
		expect(made).toHaveLength(1);
		expect(text(created)).toContain(made[0].id);
		expect(made[0].components).toEqual([
			{ type: 'BODY', text: 'Welcome back! Your order is ready.' },
		]);
		const listed = await client.callTool({ name: 'List_Message_Templates', arguments: {} });
		expect(text(listed)).toContain('welcome_back');
	});

	test(`n8n ${N8N_VERSION}: credit lines through MCP: Share Credit Line shares and verifies it for the WABA the client names; Get Credit Line Status then says so`, async () => {
		const { tools } = await client.listTools();
		for (const name of ['Share_Credit_Line', 'Get_Credit_Line_Status']) {
			const tool = tools.find((t) => t.name === name);
			expect(Object.keys(tool?.inputSchema.properties ?? {})).toContain('waba_id');
		}
		const before = await client.callTool({
			name: 'Get_Credit_Line_Status',
			arguments: { waba_id: CLIENT_WABA },
		});
		expect(text(before)).toMatch(/"verified":\s*false/);
		const shared = await client.callTool({
			name: 'Share_Credit_Line',
			arguments: { waba_id: CLIENT_WABA },
		});
		expect(shared.isError).not.toBe(true);
		expect(text(shared)).toMatch(/"verified":\s*true/);
		expect(simulator.wabas.get(CLIENT_WABA)?.primaryFundingId).toBeDefined();
		const after = await client.callTool({
			name: 'Get_Credit_Line_Status',
			arguments: { waba_id: CLIENT_WABA },
		});
		expect(text(after)).toMatch(/"verified":\s*true/);
	});

	test(`n8n ${N8N_VERSION}: a bad number comes back to the client as a readable error`, async () => {
		const before = simulator.requests.length;
		const result = await client.callTool({
			name: 'Add_Phone_Number',
			arguments: { phone_number: '555-CALL-NOW' },
		});
		expect(result.isError).toBe(true);
		expect(text(result)).toContain('"555-CALL-NOW" is not a phone number. Use digits');
		expect(simulator.requests.length).toBe(before);
	});

	test(`n8n ${N8N_VERSION}: no token in the results nor in n8n's log`, async () => {
		const result = await client.callTool({
			name: 'Add_Phone_Number',
			arguments: { phone_number: '+44 20 7183 8750' },
		});
		expect(JSON.stringify(result)).not.toContain(TOKEN);
		expect(readFileSync(logFile, 'utf8')).not.toContain(TOKEN);
	});
});

/**
 * n8n answers its readiness check before it has registered the published workflows' webhooks
 * (seen on a fresh user folder in CI): wait until the MCP path is no longer "not registered".
 */
async function untilServed(url: string, published: string) {
	for (let tries = 0; tries < 240; tries++) {
		const response = await fetch(url, { method: 'GET' });
		await response.body?.cancel(); // the answer itself does not matter, only that there is one
		if (response.status !== 404) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(
		`n8n did not register ${url} within 60 s of being ready; publish:workflow said:\n${published.slice(-2000)}`,
	);
}

/** An MCP Server Trigger serving two of our node's operations as tools. */
function mcpWorkflow() {
	const tool = (name: string, y: number, parameters: Record<string, unknown>) => ({
		id: name,
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [400, y],
		parameters: { resource: 'preVerifiedNumber', businessId: BUSINESS, options: {}, ...parameters },
		credentials: CREDENTIAL,
	});
	return {
		id: WORKFLOW_ID,
		name: 'WhatsApp tools over MCP',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'mcp',
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a1c9e0a2-4f57-4c39-9d55-3b7f0e2f6a11',
				parameters: { path: MCP_PATH },
			},
			tool('Add Phone Number', -100, {
				operation: 'add',
				phoneNumber:
					"={{ $fromAI('phone_number', 'The phone number to add, in any format', 'string') }}",
				toolDescription: 'Adds a phone number to the business pre-verified number pool',
			}),
			tool('Get Pool Numbers', 100, {
				operation: 'getMany',
				returnAll: true,
				toolDescription: 'Lists the pre-verified phone numbers of the business',
			}),
			tool('Create Message Template', 300, {
				resource: 'messageTemplate',
				operation: 'create',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				templateName:
					"={{ $fromAI('template_name', 'The template name: lowercase letters, digits and underscores', 'string') }}",
				language: 'en_US',
				category: 'UTILITY',
				bodyText: "={{ $fromAI('body', 'The message text, without variables', 'string') }}",
				toolDescription: 'Creates a WhatsApp message template for Meta to review',
			}),
			...['Share Credit Line', 'Get Credit Line Status'].map((name, index) =>
				tool(name, 700 + 200 * index, {
					resource: 'creditLine',
					operation: index === 0 ? 'share' : 'getStatus',
					creditLineId: { __rl: true, mode: 'id', value: CREDIT_LINE },
					wabaId: {
						__rl: true,
						mode: 'id',
						value:
							"={{ $fromAI('waba_id', 'The ID of the WhatsApp Business Account of the client', 'string') }}",
					},
					toolDescription:
						index === 0
							? "Shares the partner's credit line with a client's WhatsApp Business Account and verifies it"
							: "Tells whether a client's WhatsApp Business Account is funded by the partner's credit line",
				}),
			),
			tool('List Message Templates', 500, {
				resource: 'messageTemplate',
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				returnAll: true,
				toolDescription: "Lists the WhatsApp Business Account's message templates and their status",
			}),
		],
		connections: {
			'Share Credit Line': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'Get Credit Line Status': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'Add Phone Number': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'Get Pool Numbers': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'Create Message Template': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'List Message Templates': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
		},
	};
}
