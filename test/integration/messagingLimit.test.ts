/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The messaging limit as Meta's "Messaging limits" page says it today (issue 33, findings 8-9):
// the business portfolio's (250, 2K, 10K, 100K, unlimited), shared by all its numbers, read from
// whatsapp_business_manager_messaging_limit; messaging_limit_tier is deprecated and Meta no
// longer moves it. Phone Number → Get Many 1.1 has no filter on it; a saved 1.0 node that set the
// old filter runs without it, with a notice, instead of matching a stale field.
import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAAMessagingLimitSecretP3n6';
const BUSINESS = '1234567890123456';
const PHONES = ['1906385232743451', '1906385232743452', '1906385232743453'];
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
	// The portfolio went from 1K to 2K after 2025-10-07; the deprecated field still says 1K.
	PHONES.forEach((id, index) =>
		simulator.seedConnectedPhoneNumber(id, `631555100${index}`, {
			messaging_limit_tier: 'TIER_1K',
			whatsapp_business_manager_messaging_limit: 'TIER_2K',
		}),
	);
});

afterEach(async () => {
	await simulator.stop();
});

async function getMany(typeVersion: number, filters: INodeParameters) {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			typeVersion,
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'phoneNumber',
				operation: 'getMany',
				wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
				returnAll: true,
				filters,
			},
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('WhatsApp');
	expect(failure).toEqual([]);
	const hints = (result.run.data.resultData.runData.WhatsApp?.[0]?.hints ?? []).map(
		(h) => h.message,
	);
	const query = decodeURIComponent(
		simulator.requests.filter((r) => r.path.endsWith('/phone_numbers')).pop()?.query ?? '',
	);
	return { items: success.map((i) => i.json), hints, query };
}

test('a saved 1.0 node with the old Messaging Limit Tier filter keeps running: every number, each with its portfolio limit and the notice; the deprecated field is not sent', async () => {
	const { items, hints, query } = await getMany(1, { messagingLimitTier: 'TIER_1K' });
	expect(items.map((i) => i.id)).toEqual(PHONES);
	for (const item of items) {
		expect(item).toMatchObject({
			whatsapp_business_manager_messaging_limit: 'TIER_2K',
			messaging_limit: '2K',
			notice: expect.stringMatching(
				/^Messaging Limit Tier 1K did not filter: Meta deprecated messaging_limit_tier: since 2025-10-07 the messaging limit is the business portfolio's/,
			),
		});
	}
	expect(hints).toEqual([expect.stringMatching(/^Get Many: Meta deprecated messaging_limit_tier/)]);
	expect(query).not.toContain('messaging_limit_tier');
	expect(query).not.toContain('filtering');
});

test('the filters that still filter are sent as before, and a run without the old filter has no notice', async () => {
	const { items, hints, query } = await getMany(1.1, { accountMode: 'LIVE' });
	expect(items).toHaveLength(3);
	expect(items[0]).not.toHaveProperty('notice');
	expect(hints).toEqual([]);
	expect(query).toContain('filtering=[{"field":"account_mode","operator":"EQUAL","value":"LIVE"}]');
});

test('Phone Number → Get Many 1.1 offers no Messaging Limit Tier filter; 1.0 keeps the saved value', () => {
	const { description } = new WhatsAppBusinessManagement();
	// n8n gives a new node the highest version (with a defaultVersion it would leave out its
	// Custom API Call operation, which the editor test checks).
	expect(description.version).toEqual([1, 1.1]);
	expect(description.defaultVersion).toBeUndefined();
	const parameters = (typeVersion: number) => {
		const node: INode = {
			id: 'n',
			name: 'WhatsApp',
			type: 'whatsAppBusinessManagement',
			typeVersion,
			position: [0, 0],
			parameters: {
				resource: 'phoneNumber',
				operation: 'getMany',
				filters: { messagingLimitTier: 'TIER_1K', accountMode: 'LIVE' },
			},
		};
		return NodeHelpers.getNodeParameters(
			description.properties,
			node.parameters,
			true,
			false,
			node,
			description,
		);
	};
	expect(parameters(1)?.filters).toEqual({ messagingLimitTier: 'TIER_1K', accountMode: 'LIVE' });
	expect(parameters(1.1)?.filters).toEqual({ accountMode: 'LIVE' });
});

test('Get shows the portfolio limit in plain words; the trigger says it is the portfolio’s', async () => {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{}],
			typeVersion: 1.1,
			parameters: {
				resource: 'phoneNumber',
				operation: 'get',
				phoneNumberId: { __rl: true, mode: 'id', value: PHONES[0] },
			},
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.outputs('WhatsApp')[0][0].json).toMatchObject({ messaging_limit: '2K' });
	const { WhatsAppBusinessManagementTrigger } =
		await import('../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node');
	const text = JSON.stringify(new WhatsAppBusinessManagementTrigger().description);
	expect(text).toContain("the business portfolio's (250, 2K, 10K, 100K, unlimited)");
	expect(text.toLowerCase()).not.toContain('limit tier');
});
