/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The credential's optional Business ID: what every empty Business ID field means, in runs, in
// the From List pickers and in the trigger; and panels picked By ID show no Business ID at all.
import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeParameters,
	INodeProperties,
	IWorkflowBase,
} from 'n8n-workflow';

import {
	searchMessageTemplates,
	searchPhoneNumbers,
	searchCreditLines,
	searchPreVerifiedNumbers,
	searchWhatsAppBusinessAccounts,
} from '../../nodes/WhatsAppBusinessManagement/methods/listSearch';
import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import {
	CREDENTIAL_TYPE,
	PACKAGE_NODE_TYPE,
	TestNodeTypes,
	nodeWorkflow,
	runWorkflow,
	testAdditionalData,
	triggerPoller,
} from '../helpers/engine';

const TOKEN = 'EAACredentialBusinessToken8Qz';
const MINE = '1234567890123456';
const OTHER = '6543210987654321';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [MINE, OTHER] });
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

const credentials = (businessId?: string): ICredentialDataDecryptedObject => ({
	accessToken: TOKEN,
	apiVersion: 'v23.0',
	baseUrl: simulator.baseUrl,
	...(businessId === undefined ? {} : { businessId }),
});

async function add(rows: Array<{ business: string; phone: string }>, businessId?: string) {
	const result = await runWorkflow(
		nodeWorkflow({
			rows,
			onError: 'continueErrorOutput',
			parameters: {
				operation: 'add',
				businessId: '={{ $json.business }}',
				phoneNumber: '={{ $json.phone }}',
			},
		}),
		credentials(businessId),
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('WhatsApp');
	return { success, failure };
}

test("an empty Business ID takes the credential's; a row's own Business ID wins", async () => {
	const { success, failure } = await add(
		[
			{ business: '', phone: '+1 631 555 1000' },
			{ business: OTHER, phone: '+1 631 555 2000' },
		],
		MINE,
	);
	expect(failure).toEqual([]);
	expect(success.map((i) => i.json.business_id)).toEqual([MINE, OTHER]);
	expect(simulator.requests.map((r) => r.path)).toEqual([
		`/v23.0/${MINE}/add_phone_numbers`,
		`/v23.0/${OTHER}/add_phone_numbers`,
	]);
});

test('without a Business ID here or in the credential, the row fails before any request', async () => {
	const { success, failure } = await add([{ business: '', phone: '+1 631 555 1000' }]);
	expect(success).toEqual([]);
	expect(String(failure[0].json.error)).toBe(
		'Business ID is empty. Enter the business portfolio ID (digits only) here, or once in the credential.',
	);
	expect(simulator.requests).toHaveLength(0);
});

test("a credential's Business ID that is not digits is named as the credential's", async () => {
	const { failure } = await add([{ business: '', phone: '+1 631 555 1000' }], 'my-business');
	expect(String(failure[0].json.error)).toContain('Business ID "my-business" in the credential');
	expect(simulator.requests).toHaveLength(0);
});

test("WABA Get Many and the pool trigger use the credential's Business ID", async () => {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			parameters: { resource: 'whatsAppBusinessAccount', operation: 'getMany', returnAll: true },
		}),
		credentials(MINE),
	);
	expect(result.outputs('WhatsApp')[0].map((i) => i.json.id)).toEqual([SIMULATOR_WABA_ID]);

	simulator.seedPreVerifiedNumber(MINE, '16315551000');
	const poller = triggerPoller(
		{ watch: 'preVerifiedNumbers', poolEvents: ['added'], options: { emitExisting: true } },
		credentials(MINE),
	);
	const items = await poller.poll();
	expect(items?.map((i) => [i.json.event, i.json.business_id])).toEqual([['added', MINE]]);
});

/** A From List search as n8n's editor runs it: the panel's current values, the credential. */
async function search(
	method: typeof searchPreVerifiedNumbers,
	parameters: INodeParameters,
	businessId?: string,
	filter?: string,
) {
	const node: INode = {
		id: 'node',
		name: 'WhatsApp',
		type: PACKAGE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Meta' } },
	};
	const workflow = new Workflow({
		id: 'search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes(),
	});
	const additionalData = testAdditionalData(credentials(businessId), 'search', {
		id: 'search',
	} as unknown as IWorkflowBase);
	additionalData.currentNodeParameters = parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
	return await method.call(context, filter);
}

test("From List lists the credential's business when the panel has no Business ID", async () => {
	simulator.seedPreVerifiedNumber(MINE, '16315551000');
	const pool = await search(searchPreVerifiedNumbers, { businessId: '' }, MINE);
	expect(pool.results.map((r) => r.name)).toEqual(['+1 631-555-1000 (NOT_VERIFIED)']);
	const wabas = await search(searchWhatsAppBusinessAccounts, {}, MINE);
	expect(wabas.results.map((r) => r.value)).toEqual([SIMULATOR_WABA_ID]);
	// The panel's own Business ID still wins.
	const other = await search(searchPreVerifiedNumbers, { businessId: OTHER }, MINE);
	expect(other.results).toEqual([]);
	await expect(search(searchPreVerifiedNumbers, { businessId: '' })).rejects.toThrow(
		'Set the Business ID in the credential',
	);
});

test("From List of the partner's credit lines: the credential's business, filtered by name; no Business ID, a clear message", async () => {
	const line = simulator.seedCreditLine(MINE, 'Partner Solutions Ltd');
	simulator.seedCreditLine(MINE, 'Other Entity GmbH');
	const lines = await search(searchCreditLines, {}, MINE, 'partner');
	expect(lines.results).toEqual([{ name: `Partner Solutions Ltd (${line})`, value: line }]);
	await expect(search(searchCreditLines, {})).rejects.toThrow(
		'Set the Business ID in the credential (digits only) to list its credit lines, or switch to "By ID"',
	);
});

test("From List of a WABA's lists: its phone numbers by the digits typed, its templates by name; no WABA, a clear message", async () => {
	simulator.seedConnectedPhoneNumber('1906385232743451', '6315551000');
	simulator.seedConnectedPhoneNumber('1906385232743452', '6315552000');
	const template = simulator.seedMessageTemplate(SIMULATOR_WABA_ID, { name: 'order_update' });
	simulator.seedMessageTemplate(SIMULATOR_WABA_ID, { name: 'spring_sale', status: 'PENDING' });
	const waba = { wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID } };
	const panel = (resource: string) => ({ resource, operation: 'get', ...waba });
	const numbers = await search(searchPhoneNumbers, panel('phoneNumber'), MINE, '(631) 555-2000');
	expect(numbers.results.map((r) => r.value)).toEqual(['1906385232743452']);
	const templates = await search(searchMessageTemplates, panel('messageTemplate'), MINE, 'ORDER');
	expect(templates.results).toEqual([
		{ name: 'order_update (en_US, APPROVED)', value: template.id },
	]);
	const noWaba = { resource: 'messageTemplate', operation: 'get' };
	await expect(search(searchMessageTemplates, noWaba, MINE)).rejects.toThrow(
		'Choose the WhatsApp Business Account to list its message templates, or switch to "By ID"',
	);
});

test('a workflow saved with the Business ID that only fed a picker runs as before', async () => {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'whatsAppBusinessAccount',
				operation: 'get',
				businessId: OTHER,
				wabaId: { __rl: true, mode: 'list', value: SIMULATOR_WABA_ID },
			},
		}),
		credentials(),
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('WhatsApp');
	expect(failure).toEqual([]);
	expect(success.map((i) => i.json.id)).toEqual([SIMULATOR_WABA_ID]);
});

describe('a Business ID field only where the run sends it', () => {
	const { properties } = new WhatsAppBusinessManagement().description;
	const withBusinessId = properties
		.filter((p: INodeProperties) => p.name === 'businessId')
		.flatMap((p) =>
			(p.displayOptions?.show?.operation as string[]).map(
				(operation) => `${(p.displayOptions?.show?.resource as string[])[0]}.${operation}`,
			),
		)
		.sort();

	test("Add, Get Many and sharing of pre-verified numbers, WABA Get Many and Get Assigned Users, the partner's credit lines; optional everywhere", () => {
		expect(withBusinessId).toEqual([
			'creditLine.getMany',
			'preVerifiedNumber.add',
			'preVerifiedNumber.getMany',
			'preVerifiedNumber.share',
			'preVerifiedNumber.stopSharing',
			'whatsAppBusinessAccount.getAssignedUsers',
			'whatsAppBusinessAccount.getMany',
		]);
		expect(properties.filter((p) => p.name === 'businessId' && p.required)).toEqual([]);
	});

	test("n8n's editor shows a WABA or phone number panel picked By ID without a Business ID", () => {
		const byId = (value: string) => ({ __rl: true, mode: 'id', value });
		const shown = (parameters: INodeParameters) =>
			properties
				.filter((p) => NodeHelpers.displayParameter(parameters, p, null, null))
				.map((p) => p.name);
		const waba = shown({
			resource: 'whatsAppBusinessAccount',
			operation: 'get',
			wabaId: byId('2'),
		});
		expect(waba).not.toContain('businessId');
		const phone = shown({ resource: 'phoneNumber', operation: 'get', phoneNumberId: byId('1') });
		expect(phone).not.toContain('businessId');
		expect(phone).toEqual(expect.arrayContaining(['wabaId', 'phoneNumberId']));
	});
});
