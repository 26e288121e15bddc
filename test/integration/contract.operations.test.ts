/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Contract: every operation's requests against Prism serving Meta's contract with --errors.
// Zero violations on success, and each status the contract documents for the operation's path
// maps to the right category with the Graph fields carried through.
import { readFileSync } from 'fs';
import { load } from 'js-yaml';
import type { INodeParameters } from 'n8n-workflow';

import { nodeWorkflow, runWorkflow } from '../helpers/engine';
import { SPEC_PATH, specWithout, startPrism } from '../helpers/prism';
import type { PrismServer } from '../helpers/prism';

const TOKEN = 'EAAContractOperationsTokenM3n8';
const BUSINESS = '1234567890123456';
const NUMBER = { __rl: true, mode: 'id', value: '1234567890123456' };
let prism: PrismServer;
// Serves the contract without the other DELETE /{Version}/{X} templates, so that forced
// statuses reach the pre-verified number's DELETE (see specWithout).
let prismForDelete: PrismServer;

type Spec = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const spec = load(readFileSync(SPEC_PATH, 'utf8')) as Spec;

const EXPECTED: Record<string, string> = {
	'400': 'validation',
	'401': 'auth',
	'403': 'permission',
	'404': 'not_found',
	'422': 'validation',
	'429': 'rate_limit',
};

/** A throttling or transient Graph code decides first (500 with code 2 is transient). */
function expectedCategory(status: string, sent: Record<string, unknown>): string {
	if ([4, 17, 32, 341, 613, 80007, 80008].includes(sent.code as number)) return 'rate_limit';
	if (sent.code === 1 || sent.code === 2 || sent.is_transient === true) return 'transient';
	return EXPECTED[status] ?? 'server';
}

interface Case {
	operation: string;
	specPath: string;
	method: string;
	parameters: INodeParameters;
	requestPath: string;
}

const cases: Case[] = [
	{
		operation: 'get',
		specPath: '/{Version}/{Pre-Verified-Phone-Number-ID}',
		method: 'get',
		parameters: { preVerifiedNumberId: NUMBER },
		requestPath: '/v23.0/1234567890123456?fields=',
	},
	{
		operation: 'getMany',
		specPath: '/{Version}/{Business-ID}/preverified_numbers',
		method: 'get',
		parameters: {
			businessId: BUSINESS,
			returnAll: false,
			limit: 10,
			filters: { verificationStatus: 'VERIFIED' },
		},
		requestPath: `/v23.0/${BUSINESS}/preverified_numbers?`,
	},
	{
		operation: 'requestCode',
		specPath: '/{Version}/{Pre-Verified-Phone-Number-ID}/request_code',
		method: 'post',
		parameters: { preVerifiedNumberId: NUMBER, codeMethod: 'VOICE', language: 'es_ES' },
		requestPath: '/v23.0/1234567890123456/request_code',
	},
	{
		operation: 'verifyCode',
		specPath: '/{Version}/{Pre-Verified-Phone-Number-ID}/verify_code',
		method: 'post',
		parameters: { preVerifiedNumberId: NUMBER, code: '123 456' },
		requestPath: '/v23.0/1234567890123456/verify_code',
	},
	{
		operation: 'delete',
		specPath: '/{Version}/{Pre-Verified-Phone-Number-ID}',
		method: 'delete',
		parameters: { preVerifiedNumberId: NUMBER },
		requestPath: '/v23.0/1234567890123456',
	},
];

beforeAll(async () => {
	[prism, prismForDelete] = await Promise.all([
		startPrism(),
		startPrism(
			specWithout([
				['/{Version}/{group_id}', 'delete'],
				['/{Version}/{Media-ID}', 'delete'],
				['/{Version}/{Flow-ID}', 'delete'],
			]),
		),
	]);
}, 120_000);

afterAll(async () => {
	await prism?.stop();
	await prismForDelete?.stop();
});

beforeEach(() => {
	for (const server of [prism, prismForDelete]) {
		server.exchanges.length = 0;
		server.prefer = undefined;
	}
});

async function run(c: Case, server = prism) {
	return await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: { operation: c.operation, ...c.parameters, options: { maxAttempts: 1 } },
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: server.baseUrl },
	);
}

test.each(cases)('$operation: zero violations and a success item', async (c) => {
	const result = await run(c);
	expect(result.error).toBeUndefined();
	expect(prism.exchanges.length).toBeGreaterThanOrEqual(1);
	for (const exchange of prism.exchanges) {
		expect(exchange.violations).toEqual([]);
		expect(exchange.status).toBe(200);
		expect(exchange.method).toBe(c.method.toUpperCase());
		expect(exchange.path.startsWith(c.requestPath)).toBe(true);
	}
	const [success, failure] = result.outputs('WhatsApp');
	expect(failure).toHaveLength(0);
	expect(success.length).toBeGreaterThanOrEqual(1);
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
});

const statusCases = cases.flatMap((c) =>
	Object.keys(spec.paths[c.specPath][c.method].responses)
		.filter((status) => status !== '200')
		.map((status) => ({ ...c, status })),
);

test('the contract documents error statuses for every operation', () => {
	for (const c of cases) {
		expect(statusCases.filter((s) => s.operation === c.operation).length).toBeGreaterThanOrEqual(5);
	}
});

test.each(statusCases)('$operation: documented HTTP $status maps to its category', async (c) => {
	const server = c.operation === 'delete' ? prismForDelete : prism;
	server.prefer = `code=${c.status}`;
	const result = await run(c, server);
	expect(server.exchanges).toHaveLength(1);
	expect(server.exchanges[0].violations).toEqual([]);
	expect(server.exchanges[0].status).toBe(Number(c.status));
	const [, failure] = result.outputs('WhatsApp');
	expect(failure).toHaveLength(1);
	const details = failure[0].json.details as Record<string, unknown>;
	const sent = JSON.parse(server.exchanges[0].responseBody).error as Record<string, unknown>;
	expect(details.category).toBe(expectedCategory(c.status, sent));
	for (const key of Object.keys(sent)) expect(details[key]).toEqual(sent[key]);
});
