/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// n8n's Test connection requests the credential's typed Base URL before any check of the node's
// can run. The credential's own authenticate refuses to put the Access Token on a plain-http
// request to another machine: the request is never made. Here the credential's test request is
// resolved with n8n's expressions and sent through n8n-core's authenticated request helper, as
// n8n sends it, to a server that counts what reaches it. "Another machine" is the IPv4-mapped
// IPv6 form of 127.0.0.1: not a loopback name the node allows, yet it reaches the counting server
// on this machine, so a request that got through would be counted.
import { createServer } from 'http';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { Workflow } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { WhatsAppBusinessManagementApi } from '../../credentials/WhatsAppBusinessManagementApi.credentials';
import {
	CREDENTIAL_TYPE,
	rowsInto,
	RowsTrigger,
	runWorkflow,
	TestNodeTypes,
} from '../helpers/engine';

const TOKEN = 'EAACredentialTestTokenH3k8Vw';
const TESTER_TYPE = 'test.credentialTester';

/** Sends the request in its parameters with the credential, as n8n's Test connection does. */
class CredentialTester implements INodeType {
	description = {
		displayName: 'Credential Tester',
		name: 'credentialTester',
		group: ['transform'],
		version: 1,
		description: "Sends the credential's test request",
		defaults: { name: 'Tester' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{ displayName: 'Base URL', name: 'baseURL', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions) {
		const answer = (await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method: 'GET',
			baseURL: this.getNodeParameter('baseURL', 0) as string,
			url: this.getNodeParameter('url', 0) as string,
			json: true,
		})) as object;
		return [[{ json: { answer } }]];
	}
}

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

/** The credential's test request, its expressions resolved with n8n's expression engine. */
function resolvedTestRequest(credentials: Record<string, string>) {
	const { request } = new WhatsAppBusinessManagementApi().test;
	const workflow = new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({}),
	});
	const resolve = (value: string) =>
		workflow.expression.getParameterValue(value, null, 0, 0, 'Tester', [], 'internal', {
			$credentials: credentials,
		}) as string;
	return { baseURL: resolve(request.baseURL as string), url: resolve(request.url as string) };
}

async function testConnection(baseUrl: string) {
	const credentials = { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl };
	const result = await runWorkflow(
		rowsInto([{}], {
			id: 'tester',
			name: 'Tester',
			type: TESTER_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: resolvedTestRequest(credentials),
			credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Meta' } },
		}),
		credentials,
		{ 'n8n-nodes-base.manualTrigger': new RowsTrigger(), [TESTER_TYPE]: new CredentialTester() },
	);
	return result;
}

test('the remote-looking address reaches the counting server (so a request that got through would count)', async () => {
	const response = await fetch(`http://[::ffff:7f00:1]:${port}/v23.0/me`);
	expect(response.status).toBe(200);
	expect(received).toHaveLength(1);
});

test('plain http to another machine: refused with a clear message, no request made, no token anywhere', async () => {
	const result = await testConnection(`http://[::ffff:7f00:1]:${port}`);
	expect(result.error?.message).toMatch(
		/Base URL "http:\/\/\[::ffff:7f00:1\]:\d+" in the credential sends the Access Token unencrypted\. Use https:\/\//,
	);
	expect(received).toEqual([]);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
});

test('plain http to this machine (the simulator, a local proxy): the request goes, with the token', async () => {
	const result = await testConnection(`http://127.0.0.1:${port}/`);
	expect(result.error).toBeUndefined();
	expect(received).toEqual([{ url: '/v23.0/me', authorization: `Bearer ${TOKEN}` }]);
});
