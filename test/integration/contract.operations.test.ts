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
const WABA = { __rl: true, mode: 'id', value: '2345678901234567' };
const PHONE = { __rl: true, mode: 'id', value: '1906385232743451' };
let prism: PrismServer;
// Serves the contract without the other DELETE and POST /{Version}/{X} templates, so that
// requests on a node ID reach its own template (see specWithout).
let prismForNode: PrismServer;

type Spec = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const spec = load(readFileSync(SPEC_PATH, 'utf8')) as Spec;

const EXPECTED: Record<string, string> = {
	'400': 'validation',
	'401': 'auth',
	'403': 'permission',
	'404': 'not_found',
	'409': 'duplicate',
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
	/** Sent as Prefer on success: an example of the contract's that its own schema accepts. */
	example?: string;
	/** DELETE or POST on /{Version}/{ID}, which Prism routes by template order. */
	onNode?: boolean;
	/** When two cases share an operation. */
	title?: string;
	/**
	 * Only the request is checked. Every example the contract has for the answer breaks its own
	 * QR code pattern (`^[A-Z2-7]{14}$` against codes like ANED2T5QRU7HG1), which Prism (with
	 * --errors) answers with a 500; its generated answers may link an image on a random host,
	 * which tests must not reach.
	 */
	requestOnly?: boolean;
	/**
	 * The contract's create-or-update body is a oneOf whose branches overlap: `{code,
	 * prefilled_message}` (Meta's update) matches both, so Prism refuses every update with
	 * "must match exactly one schema in oneOf". Checked instead: that is the only violation, and
	 * the body is exactly the update branch's fields.
	 */
	overlappingOneOf?: string[];
	/** Prism generates the list (no example it accepts): it may be empty, so may the output. */
	generatedList?: boolean;
	/**
	 * Where Meta's current pages and Graph's errors allow more than the contract
	 * (docs/meta-limits.md): the request at Meta's limit, and exactly these violations of the
	 * contract's older limit, each as the body field and the contract keyword it breaks.
	 */
	contractBehindMeta?: Array<{ field: string; keyword: string }>;
}

const ONE_OF_OVERLAP = 'Request body must match exactly one schema in oneOf';

const operations: Case[] = [
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
		onNode: true,
	},
	{
		operation: 'share',
		specPath: '/{Version}/{Business-ID}/share_preverified_numbers',
		method: 'post',
		parameters: {
			businessId: BUSINESS,
			preVerifiedNumberId: NUMBER,
			partnerBusinessId: '9876543210987654',
		},
		requestPath: `/v23.0/${BUSINESS}/share_preverified_numbers`,
	},
	{
		operation: 'getPartners',
		specPath: '/{Version}/{Pre-Verified-Phone-Number-ID}/partners',
		method: 'get',
		parameters: { preVerifiedNumberId: NUMBER },
		requestPath: '/v23.0/1234567890123456/partners?',
	},
	// Resource Phone Number: a client's WhatsApp Business Account and its numbers.
	{
		operation: 'getMany',
		specPath: '/{Version}/{WABA-ID}/phone_numbers',
		method: 'get',
		parameters: {
			resource: 'phoneNumber',
			wabaId: WABA,
			returnAll: false,
			limit: 10,
			filters: { accountMode: 'LIVE' },
			options: { sort: 'creation_time.desc' },
		},
		requestPath: '/v23.0/2345678901234567/phone_numbers?',
		// The other example has quality_rating UNKNOWN, which the contract's own enum refuses.
		example: 'single_phone_number',
	},
	{
		operation: 'get',
		specPath: '/{Version}/{Phone-Number-ID}',
		method: 'get',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE },
		requestPath: '/v23.0/1906385232743451?fields=',
	},
	{
		operation: 'getHealthStatus',
		specPath: '/{Version}/{Phone-Number-ID}',
		method: 'get',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE },
		requestPath: '/v23.0/1906385232743451?fields=id%2Chealth_status',
	},
	{
		operation: 'addToWaba',
		specPath: '/{Version}/{WABA-ID}/phone_numbers',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			wabaId: WABA,
			phoneNumber: '(631) 555-1000',
			defaultCountry: 'US',
			verifiedName: "Jasper's Market",
			options: { preverifiedId: '1234567890123456' },
		},
		requestPath: '/v23.0/2345678901234567/phone_numbers',
	},
	{
		operation: 'register',
		specPath: '/{Version}/{Phone-Number-ID}/register',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			phoneNumberId: PHONE,
			pin: '246810',
			options: { dataLocalizationRegion: 'DE' },
		},
		requestPath: '/v23.0/1906385232743451/register',
	},
	{
		operation: 'deregister',
		specPath: '/{Version}/{Phone-Number-ID}/deregister',
		method: 'post',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE },
		requestPath: '/v23.0/1906385232743451/deregister',
	},
	{
		operation: 'requestCode',
		specPath: '/{Version}/{Phone-Number-ID}/request_code',
		method: 'post',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE, codeMethod: 'SMS' },
		requestPath: '/v23.0/1906385232743451/request_code',
	},
	{
		operation: 'verifyCode',
		specPath: '/{Version}/{Phone-Number-ID}/verify_code',
		method: 'post',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE, code: '654321' },
		requestPath: '/v23.0/1906385232743451/verify_code',
	},
	{
		operation: 'setPin',
		specPath: '/{Version}/{Phone-Number-ID}',
		method: 'post',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE, pin: '135790' },
		requestPath: '/v23.0/1906385232743451',
		onNode: true,
	},
	{
		operation: 'requestDisplayNameChange',
		specPath: '/{Version}/{Phone-Number-ID}',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			phoneNumberId: PHONE,
			newDisplayName: "Jasper's Fresh Market",
		},
		requestPath: '/v23.0/1906385232743451',
		onNode: true,
	},
	{
		operation: 'getBusinessProfile',
		specPath: '/{Version}/{Phone-Number-ID}/whatsapp_business_profile',
		method: 'get',
		parameters: { resource: 'phoneNumber', phoneNumberId: PHONE },
		requestPath: '/v23.0/1906385232743451/whatsapp_business_profile?fields=',
	},
	{
		operation: 'updateBusinessProfile',
		specPath: '/{Version}/{Phone-Number-ID}/whatsapp_business_profile',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			phoneNumberId: PHONE,
			updateFields: {
				about: 'Fresh fruit, every day',
				address: '1 Main St, Springfield',
				description: 'A family grocery since 1987',
				email: 'hello@jaspers.example',
				vertical: 'GROCERY',
				websites: 'https://jaspers.example, https://shop.jaspers.example',
				profilePictureHandle: '4::aW1hZ2UvanBlZw==:ARZ',
			},
		},
		requestPath: '/v23.0/1906385232743451/whatsapp_business_profile',
	},
	{
		operation: 'configureConversationalAutomation',
		specPath: '/{Version}/{Phone-Number-ID}/conversational_automation',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			phoneNumberId: PHONE,
			enableWelcomeMessage: true,
			prompts: { prompt: [{ text: 'Where is my order?' }] },
			commands: { command: [{ name: 'order_status', description: 'Track an order' }] },
		},
		requestPath: '/v23.0/1906385232743451/conversational_automation',
	},
	{
		operation: 'configureConversationalAutomation',
		title:
			"phoneNumber configureConversationalAutomation (Meta's limits: 4 prompts, 32-character name)",
		specPath: '/{Version}/{Phone-Number-ID}/conversational_automation',
		method: 'post',
		parameters: {
			resource: 'phoneNumber',
			phoneNumberId: PHONE,
			prompts: { prompt: ['a', 'b', 'c', 'd'].map((c) => ({ text: c.repeat(80) })) },
			commands: { command: [{ name: 'n'.repeat(32), description: 'd'.repeat(256) }] },
		},
		requestPath: '/v23.0/1906385232743451/conversational_automation',
		contractBehindMeta: [
			{ field: 'prompts', keyword: 'maxItems' },
			{ field: 'commands.0.command_name', keyword: 'maxLength' },
		],
	},
	// Resource WhatsApp Business Account.
	{
		operation: 'get',
		specPath: '/{Version}/{WABA-ID}',
		method: 'get',
		parameters: { resource: 'whatsAppBusinessAccount', wabaId: WABA },
		requestPath: '/v23.0/2345678901234567?fields=',
	},
	{
		operation: 'getHealthStatus',
		specPath: '/{Version}/{WABA-ID}',
		method: 'get',
		parameters: { resource: 'whatsAppBusinessAccount', wabaId: WABA },
		requestPath: '/v23.0/2345678901234567?fields=id%2Chealth_status',
	},
	{
		// The contract has no analytics fields: the request is a GET of the WABA with `fields`.
		operation: 'getAnalytics',
		specPath: '/{Version}/{WABA-ID}',
		method: 'get',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			wabaId: WABA,
			start: new Date(Date.now() - 7 * 86_400_000).toISOString(),
			end: new Date().toISOString(),
			pricingDimensions: ['PRICING_CATEGORY'],
		},
		requestPath: '/v23.0/2345678901234567?fields=currency%2Cpricing_analytics.start%28',
	},
	{
		operation: 'getMany',
		specPath: '/{Version}/{Business-ID}/owned_whatsapp_business_accounts',
		method: 'get',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			businessId: BUSINESS,
			ownership: 'owned',
			returnAll: false,
			limit: 10,
		},
		requestPath: `/v23.0/${BUSINESS}/owned_whatsapp_business_accounts?`,
	},
	{
		operation: 'getMany',
		title: 'whatsAppBusinessAccount getMany (client)',
		specPath: '/{Version}/{Business-ID}/client_whatsapp_business_accounts',
		method: 'get',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			businessId: BUSINESS,
			ownership: 'client',
			returnAll: false,
			limit: 10,
		},
		requestPath: `/v23.0/${BUSINESS}/client_whatsapp_business_accounts?`,
	},
	{
		operation: 'subscribeApp',
		specPath: '/{Version}/{WABA-ID}/subscribed_apps',
		method: 'post',
		parameters: {
			resource: 'whatsAppBusinessAccount',
			wabaId: WABA,
			options: {
				overrideCallbackUrl: 'https://hooks.example.com/whatsapp',
				verifyToken: 'contract-verify-token',
			},
		},
		requestPath: '/v23.0/2345678901234567/subscribed_apps',
	},
	{
		operation: 'getSubscribedApps',
		specPath: '/{Version}/{WABA-ID}/subscribed_apps',
		method: 'get',
		parameters: { resource: 'whatsAppBusinessAccount', wabaId: WABA },
		requestPath: '/v23.0/2345678901234567/subscribed_apps',
	},
	{
		operation: 'unsubscribeApp',
		specPath: '/{Version}/{WABA-ID}/subscribed_apps',
		method: 'delete',
		parameters: { resource: 'whatsAppBusinessAccount', wabaId: WABA },
		requestPath: '/v23.0/2345678901234567/subscribed_apps',
	},
	// Resource QR Code. The contract's examples break its own code pattern (see requestOnly):
	// Prism generates the answers, and the cases ask for no image, so nothing leaves loopback.
	// The image download is tested against the simulator.
	{
		operation: 'create',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls',
		method: 'post',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			prefilledMessage: 'Hi! I saw your poster.',
			imageFormat: 'none',
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls',
		example: 'dynamic',
	},
	{
		operation: 'create',
		title: 'qrCode create (PNG image asked for)',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls',
		method: 'post',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			prefilledMessage: 'Hi! I saw your poster.',
			imageFormat: 'PNG',
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls',
		example: 'updated_qr_code',
		requestOnly: true,
	},
	{
		operation: 'get',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}',
		method: 'get',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			qrCodeId: 'ANED2T5QRU7HGA',
			imageFormat: 'none',
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls/ANED2T5QRU7HGA?fields=',
		example: 'dynamic',
	},
	{
		operation: 'get',
		title: 'qrCode get (SVG image asked for)',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}',
		method: 'get',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			qrCodeId: 'ANED2T5QRU7HGA',
			imageFormat: 'SVG',
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls/ANED2T5QRU7HGA?fields=',
		example: 'default_fields',
		requestOnly: true,
	},
	{
		operation: 'getMany',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls',
		method: 'get',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			returnAll: false,
			limit: 10,
			imageFormat: 'none',
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls?',
		example: 'dynamic',
		generatedList: true,
	},
	{
		operation: 'update',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls',
		method: 'post',
		parameters: {
			resource: 'qrCode',
			phoneNumberId: PHONE,
			qrCodeId: 'WOMVT6TJ2BP7AB',
			prefilledMessage: "Hello! I'd like to know more about your latest offers.",
		},
		requestPath: '/v23.0/1906385232743451/message_qrdls',
		overlappingOneOf: ['code', 'prefilled_message'],
	},
	{
		operation: 'delete',
		specPath: '/{Version}/{Phone-Number-ID}/message_qrdls/{QR-Code-ID}',
		method: 'delete',
		parameters: { resource: 'qrCode', phoneNumberId: PHONE, qrCodeId: 'ANED2T5QRU7HGA' },
		requestPath: '/v23.0/1906385232743451/message_qrdls/ANED2T5QRU7HGA',
	},
];

const cases = operations.map((c) => ({
	...c,
	title: c.title ?? `${String(c.parameters.resource ?? 'preVerifiedNumber')} ${c.operation}`,
}));

beforeAll(async () => {
	[prism, prismForNode] = await Promise.all([
		startPrism(),
		startPrism(
			specWithout([
				['/{Version}/{group_id}', 'delete'],
				['/{Version}/{Media-ID}', 'delete'],
				['/{Version}/{Flow-ID}', 'delete'],
				['/{Version}/{group_id}', 'post'],
				['/{Version}/{Flow-ID}', 'post'],
				['/{Version}/{TEMPLATE_ID}', 'post'],
				['/{Version}/{WABA-ID}', 'post'],
				['/{Version}/{WhatsApp-Business-Profile-ID}', 'post'],
			]),
		),
	]);
}, 120_000);

afterAll(async () => {
	await prism?.stop();
	await prismForNode?.stop();
});

beforeEach(() => {
	for (const server of [prism, prismForNode]) {
		server.exchanges.length = 0;
		server.prefer = undefined;
	}
});

async function run(c: Case, server = prism) {
	return await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: {
				operation: c.operation,
				...c.parameters,
				options: { ...(c.parameters.options as object), maxAttempts: 1 },
			},
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: server.baseUrl },
	);
}

test.each(cases)('$title: zero violations and a success item', async (c) => {
	const server = c.onNode ? prismForNode : prism;
	if (c.example) server.prefer = c.example === 'dynamic' ? 'dynamic=true' : `example=${c.example}`;
	const result = await run(c, server);
	expect(result.error).toBeUndefined();
	expect(server.exchanges.length).toBeGreaterThanOrEqual(1);
	for (const exchange of server.exchanges) {
		const violations = exchange.violations as Array<{ location: string[] }>;
		if (c.requestOnly) {
			expect(violations.filter((v) => v.location[0] === 'request')).toEqual([]);
			expect(violations.length).toBeGreaterThan(0); // the example's own code, as said above
			continue;
		}
		if (c.contractBehindMeta) {
			const found = violations as Array<{ location: string[]; code: string }>;
			expect(found.map((v) => ({ field: v.location.slice(2).join('.'), keyword: v.code }))).toEqual(
				c.contractBehindMeta,
			);
			expect(found.every((v) => v.location[0] === 'request')).toBe(true);
			continue;
		}
		if (c.overlappingOneOf) {
			expect(violations).toEqual([expect.objectContaining({ message: ONE_OF_OVERLAP })]);
			expect(Object.keys(JSON.parse(exchange.requestBody) as object).sort()).toEqual(
				c.overlappingOneOf,
			);
			continue;
		}
		expect(violations).toEqual([]);
		expect(exchange.status).toBe(200);
		expect(exchange.method).toBe(c.method.toUpperCase());
		if (!exchange.path.startsWith(c.requestPath)) expect(exchange.path).toBe(c.requestPath);
	}
	const [success, failure] = result.outputs('WhatsApp');
	expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	if (c.requestOnly || c.overlappingOneOf || c.contractBehindMeta) return;
	expect(failure).toHaveLength(0);
	expect(success.length).toBeGreaterThanOrEqual(c.generatedList ? 0 : 1);
});

// The statuses of the path and method of the cases that check only their request are those of
// the path's other case (create, get); an update is refused by Prism before any status.
const statusCases = cases
	.filter((c) => !c.requestOnly && !c.overlappingOneOf && !c.contractBehindMeta)
	.flatMap((c) =>
		Object.keys(spec.paths[c.specPath][c.method].responses)
			.filter((status) => status !== '200')
			.map((status) => ({ ...c, status })),
	);

test('the contract documents error statuses for every operation', () => {
	for (const c of cases.filter(
		(c) => !c.requestOnly && !c.overlappingOneOf && !c.contractBehindMeta,
	)) {
		expect(statusCases.filter((s) => s.title === c.title).length).toBeGreaterThanOrEqual(5);
	}
	// An update shares create's path and method, so create's cases cover its statuses.
	const update = cases.find((c) => c.overlappingOneOf);
	expect(
		statusCases.some((s) => s.specPath === update?.specPath && s.method === update.method),
	).toBe(true);
});

test.each(statusCases)('$title: documented HTTP $status maps to its category', async (c) => {
	const server = c.onNode ? prismForNode : prism;
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

test("Stop Sharing's DELETE is in Meta's guide, not in its contract (tested against the simulator)", () => {
	const share = spec.paths['/{Version}/{Business-ID}/share_preverified_numbers'];
	expect(Object.keys(share)).toContain('post');
	expect(Object.keys(share)).not.toContain('delete');
});
