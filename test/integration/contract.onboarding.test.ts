/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Contract (issue 34): the onboarding requests whose paths Meta's contract has, against Prism
// serving those paths only: the partner's credit lines (extendedcredits), the users of a WABA
// (assigned_users: list, assign, remove), and the Official Business Account, whose request body
// follows Meta's OBA page, not the contract (the violations are the differences, listed in
// docs/meta-limits.md). The documented error statuses map to their categories. The credit-line
// sharing paths are not in the contract: their requests are tested against the simulator.
import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import type { INodeParameters } from 'n8n-workflow';

import { nodeWorkflow, runWorkflow } from '../helpers/engine';
import { SPEC_PATH, specOnly, startPrism } from '../helpers/prism';
import type { PrismServer } from '../helpers/prism';

const TOKEN = 'EAAContractOnboardingTokenF7k2';
const BUSINESS = '1234567890123456';
const WABA = { __rl: true, mode: 'id', value: '2345678901234567' };
const PHONE = { __rl: true, mode: 'id', value: '1906385232743451' };
const PATHS = [
	'/{Version}/{Business-ID}/extendedcredits',
	'/{Version}/{WhatsApp-Business-Account-ID}/assigned_users',
	'/{Version}/{Phone-Number-ID}/official_business_account',
	'/{Version}/{Phone-Number-ID}',
];
type Spec = { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
const spec = load(readFileSync(SPEC_PATH, 'utf8')) as Spec;
let prism: PrismServer;

beforeAll(async () => {
	prism = await startPrism(specOnly(PATHS));
}, 120_000);

afterAll(async () => {
	await prism?.stop();
});

beforeEach(() => {
	prism.exchanges.length = 0;
	prism.prefer = undefined;
});

interface Case {
	title: string;
	specPath: string;
	method: string;
	path: string;
	parameters: INodeParameters;
	/** Meta's page ahead of the contract: the request's violations, field and keyword. */
	contractBehindMeta?: Array<{ field: string; keyword: string }>;
}

const CASES: Case[] = [
	{
		title: 'Credit Line → Get Many',
		specPath: '/{Version}/{Business-ID}/extendedcredits',
		method: 'GET',
		path: `/v23.0/${BUSINESS}/extendedcredits?`,
		parameters: {
			resource: 'creditLine',
			operation: 'getMany',
			businessId: BUSINESS,
			returnAll: true,
		},
	},
	{
		title: 'Get Assigned Users',
		specPath: '/{Version}/{WhatsApp-Business-Account-ID}/assigned_users',
		method: 'GET',
		path: '/v23.0/2345678901234567/assigned_users?',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			operation: 'getAssignedUsers',
			wabaId: WABA,
			businessId: BUSINESS,
			returnAll: false,
			// The contract's example is two users with a `next`: one page.
			limit: 2,
		},
	},
	{
		title: 'Assign User',
		specPath: '/{Version}/{WhatsApp-Business-Account-ID}/assigned_users',
		method: 'POST',
		path: '/v23.0/2345678901234567/assigned_users',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			operation: 'assignUser',
			wabaId: WABA,
			userId: '2345678901234567',
			tasks: ['MANAGE', 'VIEW_INSIGHTS'],
		},
		// The contract encodes the list as a form array (tasks=MANAGE&tasks=…); Graph reads a
		// list in a parameter as JSON (tasks=["MANAGE"]), as Meta's pages write it.
		contractBehindMeta: [{ field: 'tasks', keyword: 'type' }],
	},
	{
		title: 'Remove User',
		specPath: '/{Version}/{WhatsApp-Business-Account-ID}/assigned_users',
		method: 'DELETE',
		path: '/v23.0/2345678901234567/assigned_users',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			operation: 'removeUser',
			wabaId: WABA,
			userId: '2345678901234567',
		},
	},
	{
		title: 'Request Official Business Account (Meta’s body)',
		specPath: '/{Version}/{Phone-Number-ID}/official_business_account',
		method: 'POST',
		path: '/v23.0/1906385232743451/official_business_account',
		parameters: {
			resource: 'phoneNumber',
			operation: 'requestOba',
			phoneNumberId: PHONE,
			businessWebsiteUrl: 'https://www.acmecorp.com',
			primaryCountry: 'US',
			primaryLanguage: 'English',
			supportingLinks: Array.from({ length: 5 }, (_, i) => `https://news${i}.example.com/acme`),
		},
		// The contract's body is { action, application_data }; Meta's page sends the fields.
		contractBehindMeta: [{ field: '', keyword: 'required' }],
	},
];

async function run(c: Case) {
	return await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: { options: { maxAttempts: 1 }, ...c.parameters },
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: prism.baseUrl },
	);
}

test.each(CASES)(
	'$title: the request as the contract says (or its differences from Meta’s page)',
	async (c) => {
		const result = await run(c);
		expect(result.error).toBeUndefined();
		const mine = prism.exchanges.filter((e) => e.method === c.method && e.path.startsWith(c.path));
		expect(mine).toHaveLength(1);
		const violations = mine[0].violations as Array<{ location: string[]; code: string }>;
		if (c.contractBehindMeta) {
			expect(
				violations.map((v) => ({ field: v.location.slice(2).join('.'), keyword: v.code })),
			).toEqual(c.contractBehindMeta);
			expect(violations.every((v) => v.location[0] === 'request')).toBe(true);
			return;
		}
		expect(violations).toEqual([]);
		expect(mine[0].status).toBe(200);
		const [success, failure] = result.outputs('WhatsApp');
		expect(failure).toEqual([]);
		expect(success.length).toBeGreaterThanOrEqual(c.title.startsWith('Get') ? 0 : 1);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	},
);

const EXPECTED: Record<string, string> = {
	'400': 'validation',
	'401': 'auth',
	'403': 'permission',
	'404': 'not_found',
	'422': 'validation',
	'429': 'rate_limit',
	'500': 'transient',
};

const statusCases = CASES.filter((c) => !c.contractBehindMeta).flatMap((c) =>
	Object.keys(spec.paths[c.specPath][c.method.toLowerCase()].responses ?? {})
		.filter((status) => status !== '200')
		.map((status) => ({ ...c, status })),
);

test('the contract documents only 200 for extendedcredits, and errors for assigned_users', () => {
	expect(Object.keys(spec.paths[PATHS[0]].get.responses ?? {})).toEqual(['200']);
	for (const method of ['get', 'post', 'delete']) {
		expect(Object.keys(spec.paths[PATHS[1]][method].responses ?? {}).length).toBeGreaterThan(5);
	}
});

test.each(statusCases)('$title: documented HTTP $status maps to its category', async (c) => {
	prism.prefer = `code=${c.status}`;
	const result = await run(c);
	const [success = [], failure = []] = result.outputs('WhatsApp');
	const [exchange] = prism.exchanges;
	expect(exchange.violations).toEqual([]);
	expect(exchange.status).toBe(Number(c.status));
	const sent = JSON.parse(exchange.responseBody).error as Record<string, unknown>;
	// The contract's 404 "not assigned" for a removal means done: a success item that says so.
	if (/not assigned/i.test(String(sent.message))) {
		expect(failure).toHaveLength(0);
		expect(success[0].json).toMatchObject({ removed: true, alreadyRemoved: true });
		return;
	}
	const details = failure[0].json.details as Record<string, unknown>;
	// A throttling code decides first, then a transient one (500 with code 2).
	const category =
		sent.code === 4
			? 'rate_limit'
			: sent.is_transient === true || [1, 2].includes(sent.code as number)
				? 'transient'
				: EXPECTED[c.status];
	expect(details.category).toBe(category);
	for (const key of Object.keys(sent)) expect(details[key]).toEqual(sent[key]);
});
