/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Message Template Create, Edit and Copy from Another WABA (issue 25) in n8n's engine against the
// simulator: the components Meta receives from the fields, from JSON, for authentication; every
// documented limit refused before any request and a template exactly at it sent; a media header
// uploaded from binary data; every create once; Meta's review moving PENDING to APPROVED; copies
// in sets of 500 with partial failures. Every input item comes out once.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_APP } from '../../simulator/GraphApiSimulator';
import type { ScriptedResponse } from '../../simulator/GraphApiSimulator';
import { ORDER_UPDATE_FIELDS } from '../fixtures/messageTemplates';
import { runEachRow, triggerPoller } from '../helpers/engine';

const TOKEN = 'EAATemplateCreateSecretK7w2';
const BUSINESS = '1234567890123456';
const OTHER_BUSINESS = '1234567890123499';
const CLIENT_WABA = '2000000000000002';
const STARTER_WABA = '2000000000000003';
const FOREIGN_WABA = '2000000000000009';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS, OTHER_BUSINESS],
		wabas: [
			{ id: CLIENT_WABA, businessId: BUSINESS, name: "Jasper's Market", client: true },
			{ id: STARTER_WABA, businessId: BUSINESS, name: 'Starter templates' },
			{ id: FOREIGN_WABA, businessId: OTHER_BUSINESS, name: 'Another business' },
		],
		templateReviewMs: 60_000,
	});
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(operation: string, parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: {
			resource: 'messageTemplate',
			operation,
			wabaId: locator(CLIENT_WABA),
			options: { maxAttempts: 2, initialRetryDelayMs: 0 },
			...parameters,
		},
		rows,
		credentials: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			appId: SIMULATOR_APP.id,
		},
		secrets: [TOKEN],
	});
}

const creates = () =>
	simulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/message_templates'));
const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

/** A utility template with every kind of field: header text, body, footer, four buttons. */
const ORDER_UPDATE: INodeParameters = ORDER_UPDATE_FIELDS;

test('Create from the fields: Meta receives its components, the item has id, status, category, name, language; the review ends APPROVED', async () => {
	const { success } = await run('create', ORDER_UPDATE);
	expect(success).toHaveLength(1);
	const id = String(success[0].json.id);
	expect(success[0].json).toEqual({
		id,
		status: 'PENDING',
		category: 'UTILITY',
		name: 'order_update',
		language: 'en_US',
		waba_id: CLIENT_WABA,
	});
	expect(creates()).toHaveLength(1);
	expect(creates()[0].body).toEqual({
		name: 'order_update',
		language: 'en_US',
		category: 'UTILITY',
		parameter_format: 'POSITIONAL',
		components: [
			{ type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['#1042'] } },
			{
				type: 'BODY',
				text: 'Hi {{1}}, your order {{2}} ships today.',
				example: { body_text: [['Maria', '#1042']] },
			},
			{ type: 'FOOTER', text: 'Reply STOP to opt out' },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Thanks' },
					{
						type: 'URL',
						text: 'Track',
						url: 'https://shop.example/track/{{1}}',
						example: ['1042'],
					},
					{ type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+16315551000' },
					{ type: 'COPY_CODE', example: 'SAVE20' },
				],
			},
		],
	});
	const pending = await run('get', { templateId: locator(id) });
	expect(pending.success[0].json.status).toBe('PENDING');
	simulator.advanceClock(60_000);
	const approved = await run('get', { templateId: locator(id) });
	expect(approved.success[0].json).toMatchObject({ status: 'APPROVED', category: 'UTILITY' });
});

test('Create with named variables, an authentication template, and components as JSON (a carousel passes as typed)', async () => {
	const named = await run('create', {
		templateName: 'welcome',
		language: 'pt_BR',
		category: 'MARKETING',
		parameterFormat: 'NAMED',
		bodyText: 'Olá {{first_name}}!',
		bodyExamples: { example: [{ variable: 'first_name', value: 'Ana' }] },
	});
	expect(named.success).toHaveLength(1);
	const auth = await run('create', {
		templateName: 'login_code',
		category: 'AUTHENTICATION',
		securityRecommendation: true,
		codeExpiryMinutes: 90,
		otpButtonText: 'Copy code',
	});
	expect(auth.success[0].json.category).toBe('AUTHENTICATION');
	const carousel = [
		{ type: 'BODY', text: 'Our picks for you' },
		{ type: 'CAROUSEL', cards: [{ components: [{ type: 'HEADER', format: 'IMAGE' }] }] },
	];
	const json = await run('create', {
		templateName: 'picks',
		category: 'MARKETING',
		componentsInput: 'json',
		componentsJson: JSON.stringify(carousel),
	});
	expect(json.success).toHaveLength(1);
	expect(creates().map((r) => r.body)).toEqual([
		{
			name: 'welcome',
			language: 'pt_BR',
			category: 'MARKETING',
			parameter_format: 'NAMED',
			components: [
				{
					type: 'BODY',
					text: 'Olá {{first_name}}!',
					example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }] },
				},
			],
		},
		{
			name: 'login_code',
			language: 'en_US',
			category: 'AUTHENTICATION',
			components: [
				{ type: 'BODY', add_security_recommendation: true },
				{ type: 'FOOTER', code_expiration_minutes: 90 },
				{ type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
			],
		},
		{
			name: 'picks',
			language: 'en_US',
			category: 'MARKETING',
			parameter_format: 'POSITIONAL',
			components: carousel,
		},
	]);
});

const text = (n: number, unit = 'a') => unit.repeat(n);
const buttons = (list: INodeParameters[]): INodeParameters => ({ buttons: { button: list } });
const quickReplies = (n: number) =>
	buttons(Array.from({ length: n }, (_, i) => ({ type: 'QUICK_REPLY', text: `Option ${i + 1}` })));
const urlButton = (url: string, urlExample = 'x') => ({
	type: 'URL',
	text: 'Open',
	url,
	urlExample,
});

/** An authentication template typed as JSON with a one-tap autofill button. */
const oneTap = (autofillText: string): INodeParameters => ({
	category: 'AUTHENTICATION',
	componentsInput: 'json',
	componentsJson: JSON.stringify([
		{ type: 'BODY', add_security_recommendation: true },
		{
			type: 'BUTTONS',
			buttons: [
				{
					type: 'OTP',
					otp_type: 'ONE_TAP',
					text: 'Copy code',
					autofill_text: autofillText,
					package_name: 'com.example.app',
					signature_hash: 'K8a/AINcGX7',
				},
			],
		},
	]),
});

/**
 * Each documented limit: the template exactly at it, and one past it with the refusal's words.
 * Sources: Meta's "Template components", "Authentication templates" and "Template management"
 * pages (docs/meta-limits.md).
 */
const LIMIT_CASES: Array<{
	limit: string;
	at: INodeParameters;
	over: INodeParameters;
	error: RegExp;
}> = [
	{
		limit: 'name: 512 characters',
		at: { templateName: text(512) },
		over: { templateName: text(513) },
		error: /^Template Name is 513 characters long; Meta allows at most 512/,
	},
	{
		limit: 'name: lowercase letters, digits, underscores',
		at: { templateName: 'order_update_2' },
		over: { templateName: 'Order-Update' },
		error: /^Template Name "Order-Update" is not a template name/,
	},
	{
		limit: 'body: 1,024 characters',
		at: { bodyText: text(1024) },
		over: { bodyText: text(1025) },
		error: /^Body is 1025 characters long; Meta allows at most 1024/,
	},
	{
		limit: 'header text: 60 characters',
		at: { headerFormat: 'TEXT', headerText: text(60) },
		over: { headerFormat: 'TEXT', headerText: text(61) },
		error: /^Header Text is 61 characters long; Meta allows at most 60/,
	},
	{
		limit: 'header text: one variable',
		at: { headerFormat: 'TEXT', headerText: 'Hi {{1}}', headerExample: 'Ana' },
		over: { headerFormat: 'TEXT', headerText: 'Hi {{1}} {{2}}', headerExample: 'Ana' },
		error:
			/^Header (Text has 2 variables; Meta allows at most 1|has the variable \{\{2\}\} but no example)/,
	},
	{
		limit: 'footer: 60 characters',
		at: { footerText: text(60) },
		over: { footerText: text(61) },
		error: /^Footer is 61 characters long; Meta allows at most 60/,
	},
	{
		limit: 'footer: no variable',
		at: { footerText: 'Reply STOP to opt out' },
		over: { footerText: 'Order {{1}}' },
		error: /^Footer has the variable \{\{1\}\}: Meta's footers are plain text, without variables/,
	},
	{
		limit: 'buttons: 10',
		at: quickReplies(10),
		over: quickReplies(11),
		error: /^Buttons: 11 given, Meta allows at most 10/,
	},
	{
		limit: 'URL buttons: 2',
		at: buttons([urlButton('https://a.example'), urlButton('https://b.example')]),
		over: buttons([
			urlButton('https://a.example'),
			urlButton('https://b.example'),
			urlButton('https://c.example'),
		]),
		error: /^URL buttons: 3 given, Meta allows at most 2/,
	},
	{
		limit: 'phone number buttons: 1',
		at: buttons([{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+16315551000' }]),
		over: buttons([
			{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+16315551000' },
			{ type: 'PHONE_NUMBER', text: 'Call 2', phoneNumber: '+16315551001' },
		]),
		error: /^Phone number buttons: 2 given, Meta allows at most 1/,
	},
	{
		// Meta's "Template components" page of 2026-06-24 (an older copy said 15).
		limit: 'copy code buttons: 1, its example 20 characters',
		at: buttons([{ type: 'COPY_CODE', copyCodeExample: text(20, 'X') }]),
		over: buttons([{ type: 'COPY_CODE', copyCodeExample: text(21, 'X') }]),
		error: /^Button 1 Copy Code Example is 21 characters long; Meta allows at most 20/,
	},
	{
		limit: 'button text: 25 characters',
		at: buttons([{ type: 'QUICK_REPLY', text: text(25) }]),
		over: buttons([{ type: 'QUICK_REPLY', text: text(26) }]),
		error: /^Button 1 Text is 26 characters long; Meta allows at most 25/,
	},
	{
		limit: 'URL: 2,000 characters',
		at: buttons([urlButton(`https://a.example/${text(2000 - 18)}`)]),
		over: buttons([urlButton(`https://a.example/${text(2000 - 17)}`)]),
		error: /^Button 1 URL is 2001 characters long; Meta allows at most 2000/,
	},
	{
		limit: 'URL: one variable, only at the end',
		at: buttons([urlButton('https://a.example/o/{{1}}', '42')]),
		over: buttons([urlButton('https://a.example/{{1}}/o', '42')]),
		error: /^Button 1 URL's variable must be \{\{1\}\} at the very end/,
	},
	{
		limit: 'URL variable: an example',
		at: buttons([urlButton('https://a.example/o/{{1}}', '42')]),
		over: buttons([urlButton('https://a.example/o/{{1}}', '')]),
		error: /^Button 1 URL has a variable but no example/,
	},
	{
		limit: 'phone number button: a valid number',
		at: buttons([{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '+44 20 7946 0958' }]),
		over: buttons([{ type: 'PHONE_NUMBER', text: 'Call', phoneNumber: '555-1000' }]),
		error: /^Button 1 \(Phone Number\): /,
	},
	{
		limit: 'variables numbered without gaps',
		at: {
			bodyText: 'Hi {{1}} and {{2}}',
			bodyExamples: { example: [{ value: 'A' }, { value: 'B' }] },
		},
		over: {
			bodyText: 'Hi {{1}} and {{3}}',
			bodyExamples: { example: [{ value: 'A' }, { variable: '3', value: 'B' }] },
		},
		error: /^Body numbers its variables \{\{1\}\}, \{\{3\}\}: .*\{\{2\}\} is missing/,
	},
	{
		limit: 'an example for each variable',
		at: { bodyText: 'Hi {{1}}', bodyExamples: { example: [{ value: 'A' }] } },
		over: { bodyText: 'Hi {{1}}', bodyExamples: { example: [] } },
		error: /^Body has the variable \{\{1\}\} but no example for it/,
	},
	{
		limit: 'named variables: lowercase, digits, underscores',
		at: {
			parameterFormat: 'NAMED',
			bodyText: 'Hi {{first_name}}',
			bodyExamples: { example: [{ variable: 'first_name', value: 'A' }] },
		},
		over: {
			parameterFormat: 'NAMED',
			bodyText: 'Hi {{First Name}}',
			bodyExamples: { example: [{ variable: 'First Name', value: 'A' }] },
		},
		error: /^Body has the variable \{\{First Name\}\}: named variables use lowercase/,
	},
	{
		limit: 'authentication code expiry: 1 to 90 minutes',
		at: { category: 'AUTHENTICATION', codeExpiryMinutes: 90 },
		over: { category: 'AUTHENTICATION', codeExpiryMinutes: 91 },
		error: /^Code Expiry \(Minutes\) is 91: Meta allows 1 to 90 minutes/,
	},
	{
		limit: 'authentication copy code button text: 25 characters',
		at: { category: 'AUTHENTICATION', otpButtonText: text(25) },
		over: { category: 'AUTHENTICATION', otpButtonText: text(26) },
		error: /^Copy Code Button Text is 26 characters long; Meta allows at most 25/,
	},
	{
		limit: 'authentication one-tap autofill text: 25 characters (JSON)',
		at: oneTap(text(25)),
		over: oneTap(text(26)),
		error: /^Button 1 Autofill Text is 26 characters long; Meta allows at most 25/,
	},
	{
		limit: "language: one of Meta's codes",
		at: { language: 'es_MX' },
		over: { language: 'xx_YY' },
		error: /^Language "xx_YY" is not one of Meta's template languages/,
	},
];

test.each(LIMIT_CASES)(
	'limit "$limit": past it refused with no request, exactly at it sent',
	async ({ at, over, error }) => {
		const base: INodeParameters = { templateName: 'limit_case', bodyText: 'Hello' };
		const refused = await run('create', { ...base, ...over });
		expect(refused.failure).toHaveLength(1);
		expect(String(refused.failure[0].json.error)).toMatch(error);
		expect((refused.failure[0].json.details as IDataObject).attempts).toBe(0);
		expect(graphCalls()).toHaveLength(0);
		const sent = await run('create', { ...base, ...at });
		expect(sent.failure).toEqual([]);
		expect(sent.success).toHaveLength(1);
		expect(creates()).toHaveLength(1);
	},
);

test('Components (JSON): not JSON, no body, too many buttons: refused before any request', async () => {
	const { failure } = await run(
		'create',
		{
			templateName: 'json_case',
			componentsInput: 'json',
			componentsJson: '={{ $json.components }}',
		},
		[
			{ components: '[{"type": "BODY", "text": "Hi"' },
			{ components: '[{"type": "FOOTER", "text": "Hi"}]' },
			{
				components: JSON.stringify([
					{ type: 'BODY', text: 'Hi' },
					{
						type: 'BUTTONS',
						buttons: Array.from({ length: 11 }, () => ({ type: 'QUICK_REPLY', text: 'x' })),
					},
				]),
			},
		],
	);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		expect.stringMatching(/^Components \(JSON\) is not valid JSON/),
		'A template needs a BODY component: add the body text.',
		'Buttons: 11 given, Meta allows at most 10. Remove 1.',
	]);
	expect(graphCalls()).toHaveLength(0);
});

/** A small JPEG-like file whose bytes differ per seed. */
function jpeg(seed: number, size = 400): Buffer {
	const bytes = Buffer.alloc(size, seed);
	Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
	return bytes;
}

const IMAGE_HEADER: INodeParameters = {
	templateName: 'spring_sale',
	category: 'MARKETING',
	headerFormat: 'IMAGE',
	headerMediaSource: 'binary',
	headerBinaryField: 'data',
	bodyText: 'Spring is here: 20% off everything.',
};

test("a header image from each row's binary data: the session, the bytes equal to the input, the handle in that row's create", async () => {
	const files = [jpeg(1), jpeg(2, 900)];
	const { success } = await run(
		'create',
		{ ...IMAGE_HEADER, templateName: '={{ $json.name }}' },
		files.map((bytes, i) => ({
			name: `spring_sale_${i}`,
			_binary: {
				data: { data: bytes.toString('base64'), mimeType: 'image/jpeg', fileName: `s${i}.jpg` },
			},
		})),
	);
	expect(success).toHaveLength(2);
	const sessions = [...simulator.uploads.values()];
	expect(sessions.map((s) => s.fileName)).toEqual(['s0.jpg', 's1.jpg']);
	sessions.forEach((session, i) => expect(session.bytes?.equals(files[i])).toBe(true));
	const byName = new Map(creates().map((r) => [r.body?.name, r.body?.components]));
	sessions.forEach((session, i) => {
		expect((byName.get(`spring_sale_${i}`) as IDataObject[])[0]).toEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: [session.handle] },
		});
	});
	const uploads = simulator.requests.filter((r) => r.path.includes('upload:'));
	expect(uploads.every((r) => r.scheme === 'OAuth')).toBe(true);
	const host = new URL(simulator.baseUrl).host;
	expect(simulator.requests.every((r) => r.host === host)).toBe(true);
});

test('a header file of a type or size Meta refuses, or without the App ID: refused before any request', async () => {
	const { failure } = await run(
		'create',
		{ ...IMAGE_HEADER, headerFormat: '={{ $json.format }}' },
		[
			{
				format: 'IMAGE',
				_binary: {
					data: { data: jpeg(1).toString('base64'), mimeType: 'image/gif', fileName: 'a.gif' },
				},
			},
			{
				format: 'VIDEO',
				_binary: {
					data: { data: jpeg(1).toString('base64'), mimeType: 'image/jpeg', fileName: 'a.jpg' },
				},
			},
			{ format: 'DOCUMENT' },
		],
	);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		'The header image is of type image/gif; Meta accepts image/jpeg or image/png. Convert the file first.',
		'The header video is of type image/jpeg; Meta accepts video/mp4. Convert the file first.',
		expect.stringMatching(/^The input item has no binary field "data" for the header document/),
	]);
	expect(graphCalls()).toHaveLength(0);
});

const AMBIGUOUS: Array<[string, ScriptedResponse['action']]> = [
	['applied, then answered 500', 'appliedThenFail'],
	['applied, then the answer lost', 'lostAnswer'],
];

test.each(AMBIGUOUS)(
	'a Create (with its upload) %s: one template, one success item, no "already exists"',
	async (_name, action) => {
		simulator.script.push(
			{ action, when: { method: 'POST', pathEndsWith: '/message_templates' } },
			{ action, when: { method: 'POST', pathEndsWith: 'sig=ARsim1' } },
		);
		const { success, failure } = await run('create', IMAGE_HEADER, [
			{
				_binary: {
					data: { data: jpeg(3).toString('base64'), mimeType: 'image/jpeg', fileName: 'a.jpg' },
				},
			},
		]);
		expect(failure).toEqual([]);
		expect(success).toHaveLength(1);
		const made = [...simulator.templates.values()].filter((t) => t.name === 'spring_sale');
		expect(made).toHaveLength(1);
		expect(success[0].json.id).toBe(made[0].id);
		expect(creates().length).toBe(1);
		const [session] = [...simulator.uploads.values()];
		expect(made[0].components[0]).toEqual({
			type: 'HEADER',
			format: 'IMAGE',
			example: { header_handle: [session.handle] },
		});
	},
);

test('Edit: a new category, or new content from the fields; nothing to change refused; Meta reviews the template again', async () => {
	const template = simulator.seedMessageTemplate(CLIENT_WABA, { name: 'order_update' });
	const edit = async (parameters: INodeParameters) =>
		await run('edit', { templateId: locator(template.id), ...parameters });
	const category = await edit({ category: 'MARKETING', componentsInput: 'keep' });
	const content = await edit({
		componentsInput: 'fields',
		bodyText: 'Your order {{1}} is ready.',
		bodyExamples: { example: [{ value: '#7' }] },
	});
	const nothing = await edit({ category: '', componentsInput: 'keep' });
	expect(String(nothing.failure[0].json.error)).toBe(
		'Nothing to change: pick a new Category, or Define Content Using Fields Below or JSON.',
	);
	expect([...category.success, ...content.success].map((i) => i.json.updated)).toEqual([
		['category'],
		['components'],
	]);
	const edits = simulator.requests.filter(
		(r) => r.method === 'POST' && r.path.endsWith(template.id),
	);
	expect(edits.map((r) => r.body)).toEqual([
		{ category: 'MARKETING' },
		{
			components: [
				{ type: 'BODY', text: 'Your order {{1}} is ready.', example: { body_text: [['#7']] } },
			],
		},
	]);
	expect(simulator.templates.get(template.id)).toMatchObject({
		status: 'PENDING',
		category: 'MARKETING',
	});
});

test('Copy from Another WABA: every set of 500 followed, one item per template, failures with their reason', async () => {
	for (let i = 0; i < 1001; i++) {
		simulator.seedMessageTemplate(STARTER_WABA, {
			name: `starter_${String(i).padStart(4, '0')}`,
			status: i === 7 ? 'REJECTED' : 'APPROVED',
			quality_score: i === 8 ? 'RED' : 'GREEN',
		});
	}
	simulator.seedMessageTemplate(CLIENT_WABA, { name: 'starter_0009' });
	const { success } = await run('copy', { sourceWabaId: STARTER_WABA });
	const migrations = simulator.requests.filter((r) =>
		r.path.endsWith('/migrate_message_templates'),
	);
	expect(migrations.map((r) => [r.body?.page_number, r.body?.count])).toEqual([
		[0, 500],
		[1, 500],
		[2, 500],
	]);
	expect(success).toHaveLength(1001);
	const failed = success.filter((i) => i.json.migrated === false);
	expect(failed).toHaveLength(3);
	expect(failed.map((i) => String(i.json.reason))).toEqual([
		expect.stringMatching(/status REJECTED/),
		expect.stringMatching(/quality RED/),
		expect.stringMatching(/already exists/),
	]);
	const copies = [...simulator.templates.values()].filter((t) => t.wabaId === CLIENT_WABA);
	expect(copies).toHaveLength(1 + 998);
	expect(copies.filter((t) => t.status === 'PENDING')).toHaveLength(998);
	expect(success[0].json).toMatchObject({
		destination_waba_id: CLIENT_WABA,
		source_waba_id: STARTER_WABA,
		migrated: true,
		reason: null,
	});
});

test("Copy: only the given IDs; a WABA of another business fails its own item; the other row's copies stand", async () => {
	const a = simulator.seedMessageTemplate(STARTER_WABA, { name: 'a_one' });
	simulator.seedMessageTemplate(STARTER_WABA, { name: 'b_two' });
	simulator.seedMessageTemplate(FOREIGN_WABA, { name: 'c_three' });
	const { success, failure } = await run(
		'copy',
		{ sourceWabaId: '={{ $json.source }}', templateIds: '={{ $json.ids }}' },
		[
			{ source: STARTER_WABA, ids: a.id },
			{ source: FOREIGN_WABA, ids: '' },
			{ source: CLIENT_WABA, ids: '' },
		],
	);
	expect(success.map((i) => [i.json.source_template_id, i.json.migrated])).toEqual([[a.id, true]]);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		expect.stringMatching(/same business/),
		'The source and destination WABA are the same: copy from another WABA of the business.',
	]);
	expect(
		[...simulator.templates.values()].filter((t) => t.wabaId === CLIENT_WABA).map((t) => t.name),
	).toEqual(['a_one']);
});

test('Trigger: one event per template change (created, approved, rejected with the reason, quality, category), none at the baseline or on a quiet poll; pages read', async () => {
	for (let i = 0; i < 120; i++) simulator.seedMessageTemplate(CLIENT_WABA, { name: `old_${i}` });
	const poller = triggerPoller(
		{
			watch: 'phoneNumbers',
			wabaId: CLIENT_WABA,
			phoneNumberEvents: [
				'templateStatusChanged',
				'templateQualityChanged',
				'templateCategoryChanged',
			],
		},
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(await poller.poll()).toBeNull(); // the baseline
	const templatePages = simulator.requests.filter((r) => r.path.endsWith('/message_templates'));
	expect(templatePages).toHaveLength(2);
	expect(await poller.poll()).toBeNull(); // quiet
	const created = await run('create', { templateName: 'fresh', bodyText: 'Hello' });
	const freshId = String(created.success[0].json.id);
	const events = async () =>
		((await poller.poll()) ?? []).map((i) => [
			i.json.event,
			i.json.name,
			i.json.previous,
			i.json.current,
		]);
	expect(await events()).toEqual([['templateStatusChanged', 'fresh', null, 'PENDING']]);
	simulator.advanceClock(60_000);
	const old = [...simulator.templates.values()].filter((t) => t.name.startsWith('old_'));
	await control(`/__simulator/templates/${old[0].id}`, { quality_score: 'YELLOW' });
	await control(`/__simulator/templates/${old[1].id}`, { category: 'MARKETING' });
	await control(`/__simulator/templates/${old[2].id}`, {
		status: 'REJECTED',
		rejected_reason: 'INVALID_FORMAT',
	});
	const changes = (await poller.poll()) ?? [];
	expect(changes.map((i) => [i.json.event, i.json.name, i.json.previous, i.json.current])).toEqual([
		['templateQualityChanged', 'old_0', 'GREEN', 'YELLOW'],
		['templateCategoryChanged', 'old_1', 'UTILITY', 'MARKETING'],
		['templateStatusChanged', 'old_2', 'APPROVED', 'REJECTED'],
		['templateStatusChanged', 'fresh', 'PENDING', 'APPROVED'],
	]);
	expect(changes[2].json).toMatchObject({
		rejected_reason: 'INVALID_FORMAT',
		waba_id: CLIENT_WABA,
	});
	expect(changes[3].json.id).toBe(freshId);
	expect(await poller.poll()).toBeNull();
});

async function control(path: string, body: IDataObject) {
	const response = await fetch(`${simulator.baseUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
}
