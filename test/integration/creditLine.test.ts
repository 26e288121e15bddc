/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The Credit Line resource (issue 34) in n8n's engine against the simulator, with the requests
// Meta's "Managing credit lines" page shows: list the partner's credit lines, share one with a
// client's WABA and verify it, its status, its sharings, and its revocation for the client's
// business; Meta's refusals as errors that say what to do; every share and revoke sent once
// after an applied 500 or a lost answer. Every input item comes out once, no token in the run.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import type { ScriptedResponse } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAACreditLineSecretTokenZ8p4';
const PARTNER = '1234567890123456';
const CLIENT_A = '4000000000000002';
const CLIENT_B = '4000000000000004';
const WABA_A1 = '2000000000000002';
const WABA_A2 = '2000000000000003';
const WABA_B = '2000000000000004';
let simulator: GraphApiSimulator;
let creditLine: string;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [PARTNER],
		wabas: [
			{ id: '2000000000000001', businessId: PARTNER, name: 'Partner WABA' },
			...[
				[WABA_A1, CLIENT_A, 'Jasper A1'],
				[WABA_A2, CLIENT_A, 'Jasper A2'],
				[WABA_B, CLIENT_B, 'Lucky Shrub'],
			].map(([id, owner, name]) => ({
				id,
				businessId: PARTNER,
				name,
				client: true,
				ownerBusiness: { id: owner, name: `${name} Ltd` },
			})),
		],
	});
	await simulator.start();
	creditLine = simulator.seedCreditLine(PARTNER, 'Partner Solutions Ltd');
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(operation: string, parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: {
			resource: 'creditLine',
			operation,
			creditLineId: locator(creditLine),
			options: { maxAttempts: 3, initialRetryDelayMs: 0 },
			...parameters,
		},
		rows,
		credentials: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			businessId: PARTNER,
		},
		secrets: [TOKEN],
	});
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));
const shares = () =>
	graphCalls().filter((r) => r.path.endsWith('/whatsapp_credit_sharing_and_attach'));
const activeSharings = () =>
	[...simulator.creditAllocations.values()].filter((a) => a.request_status === 'ACTIVE');
const json = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json);

test("Get Many lists the partner's credit lines (Business ID from the credential)", async () => {
	const { success } = await run('getMany', { returnAll: true });
	expect(json(success)).toEqual([{ id: creditLine, legal_entity_name: 'Partner Solutions Ltd' }]);
	expect(graphCalls()[0]).toMatchObject({
		method: 'GET',
		path: `/v23.0/${PARTNER}/extendedcredits`,
	});
	expect(decodeURIComponent(graphCalls()[0].query)).toContain('fields=id,legal_entity_name');
});

test("Share With WABA: Meta's request, in the WABA's currency; verified as Meta's page says; a second share is a success that says so", async () => {
	const { success } = await run('share', { wabaId: locator(WABA_A1) });
	const [shared] = json(success);
	expect(shared).toEqual({
		waba_id: WABA_A1,
		credit_line_id: creditLine,
		allocation_config_id: expect.stringMatching(/^[0-9]+$/),
		client_business_id: CLIENT_A,
		primary_funding_id: simulator.wabas.get(WABA_A1)?.primaryFundingId,
		shared: true,
		verified: true,
		currency: 'USD',
		alreadyShared: false,
	});
	const [post] = shares();
	expect(post.method).toBe('POST');
	expect(post.path).toBe(`/v23.0/${creditLine}/whatsapp_credit_sharing_and_attach`);
	expect(new URLSearchParams(post.query).get('waba_id')).toBe(WABA_A1);
	expect(new URLSearchParams(post.query).get('waba_currency')).toBe('USD');
	// The verification reads: the allocation config's receiving_credential, the WABA's funding.
	expect(
		graphCalls().some(
			(r) =>
				r.path === `/v23.0/${shared.allocation_config_id}` &&
				decodeURIComponent(r.query).includes('receiving_credential'),
		),
	).toBe(true);

	const again = await run('share', { wabaId: locator(WABA_A1), currency: 'EUR' });
	expect(json(again.success)[0]).toMatchObject({ verified: true, alreadyShared: true });
	expect(shares()).toHaveLength(1);
	expect(activeSharings()).toHaveLength(1);
});

test('Share: each row its own WABA and currency; a WABA funded by another source, a currency Meta does not invoice, a WABA not shared with the partner and an unknown credit line fail their own rows', async () => {
	simulator.wabas.get(WABA_A2)!.primaryFundingId = '9999999999999999';
	simulator.wabas.get(WABA_B)!.currency = 'BRL';
	simulator.wabas.set('2000000000000009', {
		id: '2000000000000009',
		businessId: PARTNER,
		name: 'Owned, not a client',
	});
	const rows = [
		{ waba: WABA_A1, currency: 'GBP', line: creditLine },
		{ waba: WABA_A2, currency: 'USD', line: creditLine },
		{ waba: WABA_B, currency: 'waba', line: creditLine },
		{ waba: WABA_B, currency: 'BRL', line: creditLine },
		{ waba: '2000000000000009', currency: 'USD', line: creditLine },
		{ waba: WABA_B, currency: 'USD', line: '5555555555555555' },
	];
	const { success, failure } = await run(
		'share',
		{
			creditLineId: locator('={{ $json.line }}'),
			wabaId: locator('={{ $json.waba }}'),
			currency: '={{ $json.currency }}',
		},
		rows,
	);
	expect(json(success)).toEqual([
		expect.objectContaining({ waba_id: WABA_A1, currency: 'GBP', verified: true }),
	]);
	const errors = Object.fromEntries(
		failure.map((i) => [(i.pairedItem as { item: number }).item, String(i.json.error)]),
	);
	expect(errors[1]).toMatch(
		/^WABA 2000000000000003 is already funded by another funding source \(primary_funding_id 9999999999999999\), not by credit line .*: Meta does not let a credit line be changed once attached/,
	);
	expect(errors[2]).toBe(
		`The WABA's currency "BRL" is not a currency Meta invoices a shared credit line in: use one of AUD, EUR, GBP, IDR, INR, USD.`,
	);
	expect(errors[3]).toBe(
		'Invoice Currency "BRL" is not a currency Meta invoices a shared credit line in: use one of AUD, EUR, GBP, IDR, INR, USD.',
	);
	expect(errors[4]).toMatch(/not shared with the business of this credit line/);
	expect(errors[5]).toMatch(/code 803/);
	// Rows 1 to 3 never reached Meta's share endpoint (row 3's currency was refused before any
	// request); rows 4 and 5 were refused by Meta. Each carried its own WABA and currency.
	expect(
		shares().map((r) => {
			const query = new URLSearchParams(r.query);
			return [query.get('waba_id'), query.get('waba_currency')];
		}),
	).toEqual([
		[WABA_A1, 'GBP'],
		['2000000000000009', 'USD'],
		[WABA_B, 'USD'],
	]);
	expect(errors[5]).toContain('does not exist');
	expect(simulator.wabas.get(WABA_A2)?.primaryFundingId).toBe('9999999999999999');
});

test('a token without the Admin or Financial Editor role: the error names the role and where to grant it', async () => {
	simulator.creditRole = 'EMPLOYEE';
	const { failure } = await run('getMany', { returnAll: true });
	expect(String(failure[0].json.error)).toMatch(
		/code 200.*the Admin or Financial Editor role on the partner's business portfolio: grant it in Meta Business Suite/,
	);
	expect((failure[0].json.details as IDataObject).category).toBe('permission');
});

test('Get Credit Line Status: not shared, then shared and verified; only reads', async () => {
	const before = await run('getStatus', { wabaId: locator(WABA_B) });
	expect(json(before.success)[0]).toEqual({
		waba_id: WABA_B,
		credit_line_id: creditLine,
		allocation_config_id: null,
		client_business_id: CLIENT_B,
		primary_funding_id: null,
		shared: false,
		verified: false,
	});
	await run('share', { wabaId: locator(WABA_B) });
	const posts = graphCalls().filter((r) => r.method !== 'GET').length;
	const after = await run('getStatus', { wabaId: locator(WABA_B) });
	expect(json(after.success)[0]).toMatchObject({ shared: true, verified: true });
	expect(graphCalls().filter((r) => r.method !== 'GET')).toHaveLength(posts);
});

test('Get Many Sharings: one item per client business', async () => {
	await run('share', { wabaId: locator('={{ $json.waba }}') }, [
		{ waba: WABA_A1 },
		{ waba: WABA_A2 },
		{ waba: WABA_B },
	]);
	const { success } = await run('getSharings', { returnAll: true });
	expect(json(success).map((s) => s.client_business_id)).toEqual([CLIENT_A, CLIENT_B]);
	expect(json(success)[0]).toMatchObject({
		credit_line_id: creditLine,
		request_status: 'ACTIVE',
		receiving_credential_id: expect.any(String),
	});
});

test("Revoke: every WABA of the client's business loses the credit line, listed; request_status DELETED; nothing to revoke is a success that says so", async () => {
	await run('share', { wabaId: locator('={{ $json.waba }}') }, [
		{ waba: WABA_A1 },
		{ waba: WABA_A2 },
		{ waba: WABA_B },
	]);
	const { success } = await run('revoke', { wabaId: locator(WABA_A1) });
	expect(json(success)[0]).toEqual({
		credit_line_id: creditLine,
		client_business_id: CLIENT_A,
		allocation_config_id: expect.any(String),
		request_status: 'DELETED',
		revoked: true,
		wabas: [WABA_A1, WABA_A2],
	});
	const deletes = graphCalls().filter((r) => r.method === 'DELETE');
	expect(deletes.map((r) => r.path)).toEqual([`/v23.0/${json(success)[0].allocation_config_id}`]);
	expect(simulator.wabas.get(WABA_A2)?.primaryFundingId).toBeUndefined();
	expect(simulator.wabas.get(WABA_B)?.primaryFundingId).toBeDefined();

	const again = await run('revoke', { wabaId: locator(WABA_A2) });
	expect(json(again.success)[0]).toMatchObject({
		revoked: false,
		message: `Credit line ${creditLine} is not shared with business ${CLIENT_A}: nothing to revoke.`,
	});
	expect(graphCalls().filter((r) => r.method === 'DELETE')).toHaveLength(1);
});

test("Revoke for a client that removed the partner: the WABA's error says to revoke by the client's business, which works", async () => {
	await run('share', { wabaId: locator(WABA_B) });
	simulator.wabas.get(WABA_B)!.partnerRemoved = true;
	const refused = await run('revoke', { wabaId: locator(WABA_B) });
	expect(String(refused.failure[0].json.error)).toMatch(
		/^WABA 2000000000000004 no longer says which business owns it: the client removed your access .* set Revoke For to A Client Business ID, with its ID from Credit Line → Get Many Sharings/,
	);
	const { success } = await run('revoke', {
		revokeFor: 'clientBusiness',
		clientBusinessId: CLIENT_B,
	});
	expect(json(success)[0]).toMatchObject({ client_business_id: CLIENT_B, revoked: true });
	expect(activeSharings()).toHaveLength(0);
});

describe('sent once under faults', () => {
	const faults: Array<[string, ScriptedResponse['action']]> = [
		['applied, then answered 500', 'appliedThenFail'],
		['applied, then the answer lost', 'lostAnswer'],
	];

	test.each(faults)('Share %s: one sharing, a success item, no false error', async (_, action) => {
		simulator.script.push({
			action,
			when: { method: 'POST', pathEndsWith: '/whatsapp_credit_sharing_and_attach' },
		});
		const { success, failure } = await run('share', {
			wabaId: locator(WABA_A1),
			options: { maxAttempts: 3, initialRetryDelayMs: 0, timeoutMs: 2000 },
		});
		expect(failure).toEqual([]);
		expect(json(success)[0]).toMatchObject({ verified: true, alreadyShared: false });
		expect(shares()).toHaveLength(1);
		expect(activeSharings()).toHaveLength(1);
	});

	test.each(faults)('Revoke %s: revoked once, a success item', async (_, action) => {
		await run('share', { wabaId: locator(WABA_B) });
		simulator.script.push({ action, when: { method: 'DELETE' } });
		const { success, failure } = await run('revoke', {
			wabaId: locator(WABA_B),
			options: { maxAttempts: 3, initialRetryDelayMs: 0, timeoutMs: 2000 },
		});
		expect(failure).toEqual([]);
		expect(json(success)[0]).toMatchObject({ revoked: true, request_status: 'DELETED' });
		expect(graphCalls().filter((r) => r.method === 'DELETE')).toHaveLength(1);
	});
});
