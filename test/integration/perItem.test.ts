/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Every row its own values, for every operation, generated from the node's description.
//
// Partners drive the node from a sheet, one row per client: a value read from another row is a
// security bug (client B's webhooks sent to client A's endpoint). For each operation, each
// parameter a user can set by expression (top-level fields, every option of a collection, every
// field of a fixed collection) except the run settings is set to `{{ $json.v }}` and run three
// times in a fresh, identically seeded simulator:
//   [base, alt]   the case under test
//   [base, base]  what the run would be if item 1 were given item 0's value
//   [alt, alt]    what it would be if item 0 were given item 1's value
// The requests sent (method, path, query, body) and the outputs (json, binary, pairedItem) of
// [base, alt] must differ from both. A new operation or option is covered by this file as it
// is; a new parameter whose name has no value pair below fails here until it is given one.
import type {
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';

import { RUN_SETTINGS } from '../../nodes/WhatsAppBusinessManagement/actions/common.descriptions';
import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import {
	GraphApiSimulator,
	SIMULATOR_APP,
	SIMULATOR_WABA_ID,
} from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAAPerItemSecretToken7Kq2';
const B1 = '1234567890123456';
const B2 = '6543210987654321';
const W1 = SIMULATOR_WABA_ID;
const W2 = '2000000000000002';
const P1 = '1906385232743451';
const P2 = '1906385232743452';
const CLOCK = Date.UTC(2026, 0, 15, 12);
const DAY_MS = 86_400_000;
/** Midnight UTC `n` days before today. */
const daysAgo = (n: number) =>
	new Date((Math.floor(Date.now() / DAY_MS) - n) * DAY_MS).toISOString();

/** IDs the simulator hands out, the same in every fresh simulator seeded by `seed`. */
const seeded = { pv1: '', pv2: '', qr1: '', qr2: '', t1: '', t2: '', cl1: '', cl2: '' };
/** The client business that owns W2 (the simulator's default owner of a client WABA). */
const W2_OWNER = `4${W2.slice(1)}`;

/** The same world every run starts from: two businesses, WABAs, numbers, pool, QR codes. */
async function seed(): Promise<GraphApiSimulator> {
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [B1, B2],
		clock: () => CLOCK,
		wabas: [
			{ id: W1, businessId: B1, name: 'Partner WABA' },
			{ id: W2, businessId: B1, name: "Jasper's Market", client: true },
		],
	});
	await simulator.start();
	seeded.pv1 = simulator.seedPreVerifiedNumber(B1, '16315551000', true);
	seeded.pv2 = simulator.seedPreVerifiedNumber(B1, '16315552000', false);
	simulator.seedPreVerifiedNumber(B1, '16315553000', true);
	for (const [id, national, wabaId] of [
		[P1, '6315554000', W1],
		[P2, '6315555000', W2],
	]) {
		const phone = simulator.seedConnectedPhoneNumber(id, national, { wabaId });
		// Rejected for the badge long ago: a new request is Meta's to take, unless the row says
		// the rejection was recent.
		phone.oba = { oba_status: 'REJECTED', rejectedAt: CLOCK - 60 * DAY_MS };
		phone.pendingCode = '123456';
		phone.pendingCodeExpires = CLOCK + 600_000;
		phone.qrCodes = new Map();
		for (const [n, code] of [
			[1, `AAAAAAAAAAAA${id.endsWith('1') ? 'A' : 'B'}A`],
			[2, `AAAAAAAAAAAA${id.endsWith('1') ? 'A' : 'B'}B`],
		] as const) {
			phone.qrCodes.set(code, { code, prefilled_message: `Hello ${n}`, createdAt: CLOCK });
		}
	}
	// Templates that tell each Get Many filter's two values apart (name, language, category,
	// quality, status), and two to get, check and delete.
	seeded.t1 = simulator.seedMessageTemplate(W1, {
		name: 'order_status',
		category: 'AUTHENTICATION',
	}).id;
	seeded.t2 = simulator.seedMessageTemplate(W1, {
		name: 'help_center',
		language: 'de_DE',
		category: 'MARKETING',
		quality_score: 'RED',
		status: 'ARCHIVED',
	}).id;
	// Two credit lines; the first shared with W2's business and with another client's.
	seeded.cl1 = simulator.seedCreditLine(B1, 'Partner Solutions Ltd');
	seeded.cl2 = simulator.seedCreditLine(B1, 'Partner Solutions EU');
	for (const [owner, credential] of [
		[W2_OWNER, '8000000000000001'],
		['4999999999999999', '8000000000000002'],
	]) {
		const id = simulator.newId();
		simulator.creditAllocations.set(id, {
			id,
			creditLineId: seeded.cl1,
			receivingBusiness: { id: owner, name: `Client ${owner}` },
			receivingCredentialId: credential,
			request_status: 'ACTIVE',
		});
	}
	simulator.wabas.get(W2)!.primaryFundingId = '8000000000000001';
	seeded.qr1 = 'AAAAAAAAAAAAAA';
	seeded.qr2 = 'AAAAAAAAAAAAAB';
	for (const id of [seeded.pv1, seeded.pv2]) {
		const number = simulator.numbers.get(id);
		if (number) {
			number.pendingCode = '123456';
			number.pendingCodeExpires = CLOCK + 600_000;
		}
	}
	return simulator;
}

/**
 * A base value and another valid one, per parameter (collections' and fixed collections' fields
 * by their own name). Options and booleans without an entry use their first two values.
 */
const VALUES: Record<string, () => [unknown, unknown]> = {
	businessId: () => [B1, B2],
	preVerifiedNumberId: () => [seeded.pv1, seeded.pv2],
	wabaId: () => [W1, W2],
	phoneNumberId: () => [P1, P2],
	phoneNumber: () => ['(631) 555-1000', '(631) 555-2000'],
	defaultCountry: () => ['US', 'GB'],
	language: () => ['en_US', 'de_DE'],
	code: () => ['123456', '654321'],
	partnerBusinessId: () => [B2, '1111111111111111'],
	verifiedName: () => ["Jasper's Market", 'Lucky Shrub'],
	preverifiedId: () => [seeded.pv1, seeded.pv2],
	text: () => ['Where is my order?', 'When do you open?'],
	name: () => ['help', 'order_status'],
	description: () => ['Get help', 'Track an order'],
	limit: () => [1, 2],
	pageSize: () => [1, 2],
	pin: () => ['111111', '222222'],
	newDisplayName: () => ["Jasper's Market", 'Lucky Shrub'],
	about: () => ['Fresh fruit', 'Fresh bread'],
	address: () => ['1 Main St', '2 High St'],
	email: () => ['a@example.com', 'b@example.com'],
	profilePictureHandle: () => ['4::aW1hZ2U=:handle-one', '4::aW1hZ2U=:handle-two'],
	profilePictureBinaryField: () => ['data', 'picture'],
	templateId: () => [seeded.t1, seeded.t2],
	templateName: () => ['order_status', 'help_center'],
	hsmId: () => [seeded.t1, seeded.t2],
	websites: () => ['https://a.example.com', 'https://b.example.com'],
	overrideCallbackUrl: () => ['https://a.example.com/hook', 'https://b.example.com/hook'],
	verifyToken: () => ['verify-one-1234', 'verify-two-5678'],
	prefilledMessage: () => ['Hello A', 'Hello B'],
	binaryPropertyName: () => ['data', 'qr'],
	qrCodeId: () => [seeded.qr1, seeded.qr2],
	// Get Analytics: ranges within Meta's lookback of today (the node checks it on the real clock).
	start: () => [daysAgo(3), daysAgo(2)],
	end: () => [daysAgo(1), daysAgo(0)],
	pricingDimensions: () => [['COUNTRY'], ['PHONE']],
	conversationDimensions: () => [['COUNTRY'], ['PHONE']],
	templateIds: () => ['7000000000000001', '7000000000000002'],
	phoneNumbers: () => ['+1 631 555 4000', '+1 631 555 5000'],
	countries: () => [['US'], ['BR']],
	pricingCategories: () => [['MARKETING'], ['UTILITY']],
	pricingTypes: () => [['REGULAR'], ['FREE_CUSTOMER_SERVICE']],
	// Message Template Create, Edit and Copy.
	category: () => ['UTILITY', 'MARKETING'],
	headerFormat: () => ['TEXT', 'NONE'],
	headerText: () => ['Order {{1}}', 'Your order {{1}}'],
	headerExample: () => ['#1', '#2'],
	headerMediaSource: () => ['binary', 'handle'],
	headerBinaryField: () => ['data', 'picture'],
	headerHandle: () => ['4::aW1hZ2U=:header-one', '4::aW1hZ2U=:header-two'],
	bodyText: () => ['Hello there', 'Hello again'],
	variable: () => ['1', '2'],
	value: () => ['Maria', 'Ana'],
	footerText: () => ['Bye', 'See you'],
	type: () => ['URL', 'QUICK_REPLY'],
	url: () => ['https://a.example/o/{{1}}', 'https://b.example/o/{{1}}'],
	urlExample: () => ['1', '2'],
	copyCodeExample: () => ['SAVE10', 'SAVE20'],
	codeExpiryMinutes: () => [10, 20],
	otpButtonText: () => ['Copy code', 'Copy'],
	componentsJson: () => ['[{"type":"BODY","text":"A"}]', '[{"type":"BODY","text":"B"}]'],
	sourceWabaId: () => [W2, W1],
	// Credit lines and system users.
	creditLineId: () => [seeded.cl1, seeded.cl2],
	clientBusinessId: () => [W2_OWNER, '4999999999999999'],
	userId: () => ['10000000000001', '10000000000002'],
	tasks: () => [['MANAGE'], ['DEVELOP']],
	systemUserId: () => ['10000000000001', '10000000000002'],
	skipSteps: () => [['templates'], ['health']],
	// Official Business Account.
	businessWebsiteUrl: () => ['https://a.example.com', 'https://b.example.com'],
	primaryLanguage: () => ['English', 'Portuguese'],
	supportingLinks: () => [
		Array.from({ length: 5 }, (_, i) => `https://news${i}.example.com/a`),
		Array.from({ length: 6 }, (_, i) => `https://news${i}.example.com/b`),
	],
	parentBusinessOrBrand: () => ['Group A', 'Group B'],
	additionalSupportingInformation: () => ['Founded 1990', 'Founded 2001'],
	rejectedAt: () => [daysAgo(40), daysAgo(10)],
};

/** Options that only make sense together: testing one sets the others to their base value. */
const COMPANIONS: Record<string, string[]> = {
	overrideCallbackUrl: ['verifyToken'],
	verifyToken: ['overrideCallbackUrl'],
	defaultCountry: ['phoneNumber'],
};

/**
 * Other fields a tested one needs to show its effect (a page size shows only over pages), by its
 * path or its name.
 */
const WITH: Record<string, IDataObject> = {
	pageSize: { returnAll: true },
	ownership: { returnAll: true },
	// Read only for their own metric.
	conversationDimensions: { metric: 'conversations' },
	templateIds: { metric: 'templates', granularity: 'daily' },
	// Message templates: the fields a header, a variable, an authentication template or JSON show.
	headerMediaSource: { headerFormat: 'IMAGE' },
	headerBinaryField: { headerFormat: 'IMAGE' },
	headerHandle: { headerFormat: 'IMAGE', headerMediaSource: 'handle' },
	'bodyExamples.example.variable': { bodyText: 'Hi {{1}}' },
	'bodyExamples.example.value': { bodyText: 'Hi {{1}}' },
	securityRecommendation: { category: 'AUTHENTICATION' },
	codeExpiryMinutes: { category: 'AUTHENTICATION' },
	otpButtonText: { category: 'AUTHENTICATION' },
	componentsJson: { componentsInput: 'json' },
	clientBusinessId: { revokeFor: 'clientBusiness' },
	// A button's fields for its own type (the base button is a URL one).
	'buttons.button.phoneNumber': {
		buttons: { button: [{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '={{ $json.v }}' }] },
	},
	'buttons.button.defaultCountry': {
		buttons: {
			button: [
				{
					type: 'PHONE_NUMBER',
					text: 'Call',
					phoneNumber: '020 7946 0958',
					defaultCountry: '={{ $json.v }}',
				},
			],
		},
	},
	'buttons.button.copyCodeExample': {
		buttons: { button: [{ type: 'COPY_CODE', copyCodeExample: '={{ $json.v }}' }] },
	},
};

/** What an operation needs beyond its base values to do anything at all. */
const OPERATION_BASE: Record<string, IDataObject> = {
	'phoneNumber.updateBusinessProfile': { updateFields: { about: 'Open every day' } },
	'messageTemplate.edit': { componentsInput: 'fields' },
};

/**
 * Operations that act once per target (a second request for the same number only says it is
 * done): each row gets its own number, so that the second row's value reaches Meta too.
 */
const ONE_TARGET_PER_ROW: Record<string, IDataObject> = {
	'phoneNumber.requestOba': {
		phoneNumberId: { __rl: true, mode: 'id', value: `={{ $itemIndex === 0 ? '${P1}' : '${P2}' }}` },
	},
};

/** A field that only feeds a From List picker says so; it must not change what a run does. */
const pickerOnly = (property: INodeProperties) =>
	/Not needed with "By ID"/.test(property.description ?? '');

interface Leaf {
	/** Where the parameter sits: [field], [collection, option], [fixedCollection, entry, field]. */
	path: string[];
	property: INodeProperties;
}

function valuesOf(leaf: Leaf): [unknown, unknown] {
	const { property } = leaf;
	const given = VALUES[property.name];
	if (given) return given();
	if (property.type === 'boolean') return [false, true];
	if (property.type === 'options' && property.options && property.options.length >= 2) {
		const [a, b] = property.options as Array<{ value: unknown }>;
		return [a.value, b.value];
	}
	throw new Error(
		`No value pair for parameter "${leaf.path.join('.')}" (${property.type}): add one to VALUES in perItem.test.ts`,
	);
}

const description = new WhatsAppBusinessManagement().description;

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	return (
		(show?.resource as string[] | undefined)?.includes(resource) === true &&
		(show?.operation as string[] | undefined)?.includes(operation) === true
	);
}

/** Every parameter of an operation a user can set per item, by expression. */
function leavesOf(resource: string, operation: string): Leaf[] {
	const leaves: Leaf[] = [];
	for (const property of description.properties) {
		if (!shownFor(property, resource, operation) || property.noDataExpression) continue;
		if (property.type === 'notice') continue;
		if (property.type === 'collection') {
			for (const option of property.options as INodeProperties[]) {
				if (!RUN_SETTINGS.has(option.name)) {
					leaves.push({ path: [property.name, option.name], property: option });
				}
			}
		} else if (property.type === 'fixedCollection') {
			for (const entry of property.options as INodePropertyCollection[]) {
				for (const field of entry.values) {
					leaves.push({ path: [property.name, entry.name, field.name], property: field });
				}
			}
		} else {
			leaves.push({ path: [property.name], property });
		}
	}
	return leaves;
}

const expression = '={{ $json.v }}';

function asParameter(property: INodeProperties, value: unknown): IDataObject[string] {
	const given = value as IDataObject[string];
	return property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: given } : given;
}

/** The operation's parameters at their base values, with `tested` read from each item's `v`. */
function parametersFor(resource: string, operation: string, tested: Leaf): INodeParameters {
	const parameters: IDataObject = {
		resource,
		operation,
		options: { maxAttempts: 1 },
		...structuredClone(OPERATION_BASE[`${resource}.${operation}`] ?? {}),
	};
	const extra = WITH[tested.path.join('.')] ?? WITH[tested.property.name] ?? {};
	const companions = new Set([tested.property.name, ...(COMPANIONS[tested.property.name] ?? [])]);
	for (const leaf of leavesOf(resource, operation)) {
		const isTested = leaf.path.join('.') === tested.path.join('.');
		const inCollection = leaf.path.length === 2;
		// Optional collection values stay unset unless tested, so that they do not narrow the run.
		if (inCollection && !companions.has(leaf.property.name)) continue;
		const value = asParameter(leaf.property, isTested ? expression : valuesOf(leaf)[0]);
		const [name, entry, field] = leaf.path;
		if (leaf.path.length === 1) parameters[name] = value;
		else if (inCollection) ((parameters[name] ??= {}) as IDataObject)[entry] = value;
		else {
			const collection = (parameters[name] ??= { [entry]: [{}] }) as IDataObject;
			((collection[entry] as IDataObject[])[0] as IDataObject)[field] = value;
		}
	}
	const targets = structuredClone(ONE_TARGET_PER_ROW[`${resource}.${operation}`] ?? {});
	for (const name of Object.keys(targets)) if (name === tested.property.name) delete targets[name];
	return { ...parameters, ...targets, ...extra } as INodeParameters;
}

/**
 * An output item without what differs between runs whatever the node does: the row itself,
 * which n8n puts beside an error, and the simulator's random trace ID.
 */
function withoutEcho(json: IDataObject): IDataObject {
	const rest = { ...json };
	delete rest.v;
	const details = rest.details as IDataObject | undefined;
	if (details) rest.details = { ...details, fbtrace_id: undefined };
	return rest;
}

/** What a run did: the requests Meta and its CDN received, and every output item. */
async function runSignature(parameters: INodeParameters, values: unknown[]): Promise<string> {
	const simulator = await seed();
	try {
		const result = await runWorkflow(
			nodeWorkflow({
				rows: values.map((v) => ({ v }) as IDataObject),
				parameters,
				onError: 'continueErrorOutput',
			}),
			// The App ID lets uploads reach their per-item checks.
			{
				accessToken: TOKEN,
				apiVersion: 'v23.0',
				baseUrl: simulator.baseUrl,
				appId: SIMULATOR_APP.id,
			},
		);
		if (result.error) throw result.error;
		const requests = simulator.requests
			.filter((r) => !r.path.startsWith('/__simulator/'))
			.map((r) => `${r.method} ${r.path}${r.query} ${JSON.stringify(r.body ?? {})}`);
		const outputs = result.outputs('WhatsApp').map((items: INodeExecutionData[]) =>
			items.map((item) => ({
				json: withoutEcho(item.json),
				binary: Object.keys(item.binary ?? {}),
				pairedItem: item.pairedItem,
			})),
		);
		// Each run has its own port.
		return JSON.stringify({ requests, outputs }, null, 1).split(simulator.baseUrl).join('BASE');
	} finally {
		await simulator.stop();
	}
}

const operationsOf = (resource: string): string[] =>
	(
		description.properties.find(
			(p) =>
				p.name === 'operation' &&
				(p.displayOptions?.show?.resource as string[] | undefined)?.includes(resource),
		)?.options as Array<{ value: string }>
	).map((o) => o.value);

const resources = (
	description.properties.find((p) => p.name === 'resource')?.options as Array<{ value: string }>
).map((o) => o.value);

const cases = resources.flatMap((resource) =>
	operationsOf(resource).flatMap((operation) =>
		leavesOf(resource, operation).map(
			(leaf) =>
				[`${resource} ${operation}: ${leaf.path.join('.')}`, resource, operation, leaf] as const,
		),
	),
);

test('the generated cases cover every operation of every resource', () => {
	const operations = new Set(cases.map(([, resource, operation]) => `${resource}.${operation}`));
	expect(resources.length).toBeGreaterThanOrEqual(4);
	for (const resource of resources) {
		expect(operationsOf(resource).length).toBeGreaterThan(0);
		for (const operation of operationsOf(resource)) {
			expect(operations).toContain(`${resource}.${operation}`);
		}
	}
});

// The seeded IDs (credit lines, templates, pool numbers) are known once a world was seeded.
beforeAll(async () => {
	await (await seed()).stop();
});

describe.each(cases)('%s', (_name, resource, operation, leaf) => {
	test('each item uses its own value', async () => {
		const [base, alt] = valuesOf(leaf);
		const parameters = parametersFor(resource, operation, leaf);
		const mixed = await runSignature(parameters, [base, alt]);
		const allBase = await runSignature(parameters, [base, base]);
		const allAlt = await runSignature(parameters, [alt, alt]);
		if (pickerOnly(leaf.property)) {
			// Only the From List picker reads it: whatever the rows say, the run is the same.
			expect(mixed).toEqual(allBase);
			expect(mixed).toEqual(allAlt);
			return;
		}
		// Equal to [base, base]: item 1 was given item 0's value. Equal to [alt, alt]: the reverse.
		expect(mixed).not.toEqual(allBase);
		expect(mixed).not.toEqual(allAlt);
	});
});

describe('two clients onboarded in one run, each row its own values', () => {
	let simulator: GraphApiSimulator;
	beforeEach(async () => {
		simulator = await seed();
	});
	afterEach(async () => {
		await simulator.stop();
	});

	async function runRows(parameters: INodeParameters, rows: IDataObject[]) {
		const result = await runWorkflow(
			nodeWorkflow({ rows, parameters, onError: 'continueErrorOutput' }),
			{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		);
		expect(result.error).toBeUndefined();
		const [success = [], failure = []] = result.outputs('WhatsApp');
		expect(failure.map((i) => i.json.error)).toEqual([]);
		const posts = simulator.requests.filter((r) => r.method === 'POST');
		// The node's own output (the rows that fed it hold the values by design).
		return { success, posts, text: JSON.stringify(result.outputs('WhatsApp')) };
	}

	const id = (value: string) => ({ __rl: true, mode: 'id', value: `={{ ${value} }}` });

	test('Subscribe App: each WABA gets its own callback URL and verify token', async () => {
		const rows = [
			{ waba: W1, url: 'https://client-a.example.com/hook', token: 'verify-a-1234' },
			{ waba: W2, url: 'https://client-b.example.com/hook', token: 'verify-b-5678' },
		];
		const { success, posts, text } = await runRows(
			{
				resource: 'whatsAppBusinessAccount',
				operation: 'subscribeApp',
				wabaId: id('$json.waba'),
				options: { overrideCallbackUrl: '={{ $json.url }}', verifyToken: '={{ $json.token }}' },
			},
			rows,
		);
		expect(posts.map((r) => [r.path, r.body])).toEqual(
			rows.map((row) => [
				`/v23.0/${row.waba}/subscribed_apps`,
				{ override_callback_uri: row.url, verify_token: row.token },
			]),
		);
		expect(success.map((i) => i.json.override_callback_uri)).toEqual(rows.map((r) => r.url));
		expect(text).not.toContain('verify-a-1234');
		expect(text).not.toContain('verify-b-5678');
	});

	test('Add to WABA: each claim carries its own pre-verified number ID', async () => {
		const rows = [
			{ phone: '+1 631 555 1000', preverified: seeded.pv1, name: 'Client A' },
			{ phone: '+1 631 555 3000', preverified: String(Number(seeded.pv2) + 1), name: 'Client B' },
		];
		const { success, posts } = await runRows(
			{
				resource: 'phoneNumber',
				operation: 'addToWaba',
				wabaId: { __rl: true, mode: 'id', value: W2 },
				phoneNumber: '={{ $json.phone }}',
				verifiedName: '={{ $json.name }}',
				options: { preverifiedId: '={{ $json.preverified }}' },
			},
			rows,
		);
		expect(posts.map((r) => r.body?.preverified_id)).toEqual(rows.map((r) => r.preverified));
		expect(success.map((i) => i.json.preverified_id)).toEqual(rows.map((r) => r.preverified));
	});

	test('Register: a German and an Indian client keep their own data localization region', async () => {
		const rows = [
			{ phone: P1, region: 'DE' },
			{ phone: P2, region: 'IN' },
		];
		const { success, posts } = await runRows(
			{
				resource: 'phoneNumber',
				operation: 'register',
				phoneNumberId: id('$json.phone'),
				pin: '123456',
				options: { dataLocalizationRegion: '={{ $json.region }}' },
			},
			rows,
		);
		expect(posts.map((r) => [r.path, r.body?.data_localization_region])).toEqual(
			rows.map((row) => [`/v23.0/${row.phone}/register`, row.region]),
		);
		expect(success.map((i) => i.json.data_localization_region)).toEqual(['DE', 'IN']);
		expect(simulator.phoneNumbers.get(P2)?.data_localization_region).toBe('IN');
	});
});
