/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// n8n's Test connection sends the credential's test request before the node's own Base URL check
// can run. Here that request runs as n8n's credentials tester runs it (n8n-core's RoutingNode over
// an ExecuteContext, the request as a property's routing) against a server that counts what
// reaches it. "Another machine" is the IPv4-mapped IPv6 form of 127.0.0.1: not a loopback name
// the node allows, yet it reaches the counting server, so a request that got through would count.
import { createServer } from 'http';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createEmptyRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';
import type { IExecuteData, INode, INodeProperties, INodeType, IWorkflowBase } from 'n8n-workflow';

import {
	SAFE_BASE_URL,
	UNSAFE_BASE_URL_MESSAGE,
	WhatsAppBusinessManagementApi,
} from '../../credentials/WhatsAppBusinessManagementApi.credentials';
import { validateBaseUrl } from '../../nodes/WhatsAppBusinessManagement/transport/graphApi';
import { CREDENTIAL_TYPE, testAdditionalData, TestNodeTypes } from '../helpers/engine';

const TOKEN = 'EAACredentialTestTokenH3k8Vw';
const credential = new WhatsAppBusinessManagementApi();

let server: Server;
let port: number;
const received: Array<{ url: string; authorization: string | undefined }> = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		received.push({ url: req.url ?? '', authorization: req.headers.authorization });
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"id":"10000000000001","name":"Counting server"}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
	received.length = 0;
});

/** Runs the credential's test request as n8n's credentials tester does; the error, if any. */
async function testConnection(baseUrl: string): Promise<Error | undefined> {
	const data = { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl };
	const tester = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test.request },
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Meta' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ temp: tester }),
	});
	const additionalData = testAdditionalData(data, 'credential-test', {
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase);
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	try {
		await new RoutingNode(context, tester, {
			id: '1',
			name: 'Meta',
			type: CREDENTIAL_TYPE,
			data,
		}).runNode();
		return undefined;
	} catch (error) {
		return error as Error;
	}
}

test('the remote-looking address reaches the counting server (so a request that got through would count)', async () => {
	const response = await fetch(`http://[::ffff:7f00:1]:${port}/v23.0/me`);
	expect(response.status).toBe(200);
	expect(received).toHaveLength(1);
});

test('Test connection over plain http to another machine fails before any request', async () => {
	const error = await testConnection(`http://[::ffff:7f00:1]:${port}`);
	expect(error).toBeDefined();
	expect(received).toHaveLength(0);
	expect(JSON.stringify(error)).not.toContain(TOKEN);
});

test('Test connection to loopback http and the token reach the server once', async () => {
	const error = await testConnection(`http://127.0.0.1:${port}/`);
	expect(error).toBeUndefined();
	expect(received).toEqual([{ url: '/v23.0/me', authorization: `Bearer ${TOKEN}` }]);
});

// The notice under Base URL (shown by n8n's own display logic), the test request and the node's
// run-time check agree on every address.
const addresses: Array<[string, boolean]> = [
	['https://graph.facebook.com', true],
	['https://graph.facebook.com/', true],
	['HTTPS://graph.facebook.com', true],
	['https://proxy.example.com:8443/graph', true],
	['http://localhost:4010', true],
	['HTTP://localhost:4010', true],
	['http://127.0.0.1:4010/', true],
	['http://127.1.2.3', true],
	['http://[::1]:4010', true],
	['http://graph.facebook.com', false],
	['http://proxy.example.com:8080', false],
	['http://[::ffff:7f00:1]:4010', false],
	['http://localhost.example.com', false],
	['http://127.0.0.1.example.com', false],
];

test.each(addresses)(
	'%s: allowed %s by the notice, the test request and the node',
	(url, allowed) => {
		const notice = credential.properties.find(
			(p) => p.name === 'plainHttpNotice',
		) as INodeProperties;
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toContain(UNSAFE_BASE_URL_MESSAGE);
		expect(NodeHelpers.displayParameter({ baseUrl: url }, notice, null, null)).toBe(!allowed);
		expect(new RegExp(SAFE_BASE_URL, 'i').test(url)).toBe(allowed);
		if (allowed) expect(() => validateBaseUrl(url)).not.toThrow();
		else expect(() => validateBaseUrl(url)).toThrow();
	},
);

test('the notice stays hidden for the default and for addresses that are not http at all', () => {
	const notice = credential.properties.find((p) => p.name === 'plainHttpNotice') as INodeProperties;
	for (const url of ['https://graph.facebook.com', 'ftp://graph.facebook.com', '']) {
		expect(NodeHelpers.displayParameter({ baseUrl: url }, notice, null, null)).toBe(false);
	}
});
