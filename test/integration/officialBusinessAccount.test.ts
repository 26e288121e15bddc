/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// The Official Business Account badge (issue 34): Get Official Business Account Status and
// Request Official Business Account in n8n's engine against the simulator, with the request
// Meta's OBA page shows (the contract's body differs: docs/meta-limits.md); PENDING until Meta's
// review, then APPROVED or REJECTED; within 30 days of a rejection refused before sending.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAObaSecretTokenW4q7';
const PHONE = '1906385232743451';
const DAY_MS = 86_400_000;
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: ['1234567890123456'],
		obaReviewMs: 60_000,
	});
	await simulator.start();
	simulator.seedConnectedPhoneNumber(PHONE, '6315551000');
});

afterEach(async () => {
	await simulator.stop();
});

const LINKS = Array.from({ length: 5 }, (_, i) => `https://news${i}.example.com/jasper`);

async function run(
	operation: string,
	parameters: INodeParameters = {},
	rows: IDataObject[] = [{}],
) {
	return await runEachRow({
		parameters: {
			resource: 'phoneNumber',
			operation,
			wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE },
			businessWebsiteUrl: 'https://www.jaspers.example.com',
			primaryCountry: 'US',
			primaryLanguage: 'English',
			supportingLinks: LINKS.join(', '),
			options: { maxAttempts: 1 },
			...parameters,
		},
		rows,
		credentials: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		secrets: [TOKEN],
	});
}

const obaPosts = () =>
	simulator.requests.filter(
		(r) => r.method === 'POST' && r.path.endsWith('/official_business_account'),
	);

test("Request: Meta's page's body, PENDING, then APPROVED after Meta's review; a second request is a success that says so", async () => {
	const before = await run('getObaStatus');
	expect(before.success[0].json).toEqual({
		id: PHONE,
		oba_status: 'NOT_STARTED',
		status_message: null,
	});
	const { success } = await run('requestOba', {
		options: { maxAttempts: 1, parentBusinessOrBrand: 'Jasper Group' },
	});
	expect(success[0].json).toMatchObject({
		id: PHONE,
		oba_status: 'PENDING',
		requested: true,
		alreadyRequested: false,
	});
	expect(obaPosts()[0].body).toEqual({
		business_website_url: 'https://www.jaspers.example.com',
		primary_country_of_operation: 'US',
		primary_language: 'English',
		supporting_links: LINKS,
		parent_business_or_brand: 'Jasper Group',
	});
	const again = await run('requestOba');
	expect(again.success[0].json).toMatchObject({ oba_status: 'PENDING', alreadyRequested: true });
	expect(obaPosts()).toHaveLength(1);
	simulator.advanceClock(60_000);
	const after = await run('getObaStatus');
	expect(after.success[0].json).toMatchObject({ oba_status: 'APPROVED' });
});

test('within 30 days of a rejection: refused before sending, with the day it may be sent; after them it is sent', async () => {
	const rejectedAt = Date.now() - 10 * DAY_MS;
	simulator.phoneNumbers.get(PHONE)!.oba = { oba_status: 'REJECTED', rejectedAt };
	const refused = await run('requestOba', {
		options: { maxAttempts: 1, rejectedAt: new Date(rejectedAt).toISOString() },
	});
	const allowed = new Date(rejectedAt + 30 * DAY_MS).toISOString().slice(0, 10);
	expect(String(refused.failure[0].json.error)).toBe(
		`Meta rejected this number's Official Business Account request on ${new Date(rejectedAt).toISOString().slice(0, 10)} and accepts a new one 30 days later: send it on or after ${allowed}.`,
	);
	expect(obaPosts()).toHaveLength(0);
	// Without the date, Meta decides: its refusal says the rule.
	const byMeta = await run('requestOba');
	expect(String(byMeta.failure[0].json.error)).toMatch(
		/30 days after a rejection.*Meta accepts a new Official Business Account request 30 days after a rejection/,
	);
	simulator.phoneNumbers.get(PHONE)!.oba!.rejectedAt = Date.now() - 31 * DAY_MS;
	const later = await run('requestOba', {
		options: { maxAttempts: 1, rejectedAt: new Date(Date.now() - 31 * DAY_MS).toISOString() },
	});
	expect(later.success[0].json).toMatchObject({ oba_status: 'PENDING', requested: true });
});

test('a website or links Meta would refuse fail their own rows before any request', async () => {
	const { failure } = await run(
		'requestOba',
		{ businessWebsiteUrl: '={{ $json.site }}', supportingLinks: '={{ $json.links }}' },
		[
			{ site: 'http://jaspers.example.com', links: LINKS },
			{ site: 'https://jaspers.example.com', links: LINKS.slice(0, 4) },
			{ site: 'https://jaspers.example.com', links: [...LINKS, 'ftp://x.example.com'] },
		],
	);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		'Business Website URL "http://jaspers.example.com" is not an https address: use e.g. https://www.example.com.',
		'Supporting Links has 4 links; Meta asks for 5 to 10 articles about the business in well-known publications.',
		'Supporting link "ftp://x.example.com" is not an https address.',
	]);
	expect(simulator.requests.filter((r) => r.path.startsWith('/v23.0/'))).toHaveLength(0);
});
