/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// A number the business already has is named as Meta lists it (issue 33, finding 7): a filter or
// a claim of a pool number takes any number of a possible length, Meta's test numbers
// (+1 555 …) among them, and lets Meta answer; a number being added is still checked against
// the numbering plan. (The analytics Phone Numbers filter: analytics.test.ts.)
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAExistingNumbersSecretQ4m8';
const BUSINESS = '1234567890123456';
/** Meta's own example number, the shape of the test numbers Meta generates for an app. */
const META_TEST_NUMBER = '+1 (555) 078-3881';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
});

afterEach(async () => {
	await simulator.stop();
});

async function run(parameters: INodeParameters, rows: IDataObject[] = [{}]) {
	return await runEachRow({
		parameters: { options: { maxAttempts: 1 }, ...parameters },
		rows,
		credentials: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
		secrets: [TOKEN],
	});
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

test("Pre-Verified Get Many's Phone Number filter finds a pool number in the form Meta lists it", async () => {
	const id = simulator.seedPreVerifiedNumber(BUSINESS, '15550783881', true);
	simulator.seedPreVerifiedNumber(BUSINESS, '16315551000', true);
	const { success, failure } = await run({
		resource: 'preVerifiedNumber',
		operation: 'getMany',
		businessId: BUSINESS,
		returnAll: true,
		filters: { phoneNumber: META_TEST_NUMBER },
	});
	expect(failure).toEqual([]);
	expect(success.map((i) => i.json.id)).toEqual([id]);
	expect(decodeURIComponent(graphCalls()[0].query)).toContain('phone_number=+15550783881');
});

test('Add to WhatsApp Business Account claims a pool number Meta accepted, while a number being added is still checked', async () => {
	const preverifiedId = simulator.seedPreVerifiedNumber(BUSINESS, '15550783881', true);
	const addToWaba = {
		resource: 'phoneNumber',
		operation: 'addToWaba',
		wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
		phoneNumber: META_TEST_NUMBER,
		verifiedName: "Jasper's Market",
	};
	const claimed = await run({
		...addToWaba,
		options: { maxAttempts: 1, preverifiedId },
	});
	expect(claimed.failure).toEqual([]);
	expect(claimed.success[0].json).toMatchObject({
		phone_number: '+15550783881',
		cc: '1',
		national_number: '5550783881',
		preverified_id: preverifiedId,
	});
	const [post] = graphCalls().filter((r) => r.method === 'POST');
	expect(post.body).toMatchObject({ cc: '1', phone_number: '5550783881' });

	// Without a pool number's ID, and in Add Phone Number, the number is being added.
	const before = graphCalls().length;
	const added = await run({ ...addToWaba, phoneNumber: '+1 555 078 3882' });
	const pooled = await run({
		resource: 'preVerifiedNumber',
		operation: 'add',
		businessId: BUSINESS,
		phoneNumber: META_TEST_NUMBER,
	});
	for (const { failure } of [added, pooled]) {
		expect(String(failure[0].json.error)).toMatch(/is not a valid number for country code \+1/);
	}
	expect(graphCalls()).toHaveLength(before);
});
