/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Get Onboarding Status (issue 34) in n8n's engine against the simulator: a client taken through
// the journey with the node's own operations (Assign User, Share With WABA, Subscribe App,
// Register, Update Business Profile, Copy From Another WABA) shows at each step the right
// next_step, and ready at the end; a step the token may not read is unknown with Meta's reason
// while the others are still reported; a skipped step is not read.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAOnboardingStatusSecretJ6t3';
const PARTNER = '1234567890123456';
const CLIENT = '2000000000000002';
const STARTER = '2000000000000003';
const SYSTEM_USER = '10000000000001';
let simulator: GraphApiSimulator;
let creditLine: string;
let phone: string;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [PARTNER],
		templateReviewMs: 0,
		wabas: [{ id: STARTER, businessId: PARTNER, name: 'Starter templates' }],
	});
	await simulator.start();
	creditLine = simulator.seedCreditLine(PARTNER, 'Partner Solutions Ltd');
	simulator.seedMessageTemplate(STARTER, { name: 'order_update' });
	const added = await fetch(`${simulator.baseUrl}/__simulator/client_wabas`, {
		method: 'POST',
		body: JSON.stringify({ id: CLIENT, name: "Jasper's Market", phoneNumber: '6315558000' }),
	});
	phone = ((await added.json()) as { phone_number_id: string }).phone_number_id;
});

afterEach(async () => {
	await simulator.stop();
});

const locator = (value: string) => ({ __rl: true, mode: 'id', value });

async function run(parameters: INodeParameters) {
	const result = await runEachRow({
		parameters: { options: { maxAttempts: 1 }, ...parameters },
		rows: [{}],
		credentials: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			businessId: PARTNER,
		},
		secrets: [TOKEN],
	});
	expect(result.failure.map((i) => i.json.error)).toEqual([]);
	return result.success[0].json;
}

const status = async (options: IDataObject = {}) =>
	await run({
		resource: 'whatsAppBusinessAccount',
		operation: 'getOnboardingStatus',
		wabaId: locator(CLIENT),
		options: { maxAttempts: 1, creditLineId: creditLine, ...options },
	});

test('a client at each step of the journey gives the right next_step; a finished one says ready', async () => {
	const journey: Array<[string, RegExp, INodeParameters]> = [
		[
			'system_user',
			/^Assign your system user 10000000000001 to the WABA/,
			{
				resource: 'whatsAppBusinessAccount',
				operation: 'assignUser',
				wabaId: locator(CLIENT),
				userId: SYSTEM_USER,
				tasks: ['MANAGE'],
			},
		],
		[
			'credit_line',
			/^Share your credit line \d+ with the WABA \(Credit Line → Share With WABA\): until then the client cannot pay/,
			{
				resource: 'creditLine',
				operation: 'share',
				creditLineId: locator(creditLine),
				wabaId: locator(CLIENT),
			},
		],
		[
			'webhooks',
			/^Subscribe your app to the WABA's webhooks/,
			{ resource: 'whatsAppBusinessAccount', operation: 'subscribeApp', wabaId: locator(CLIENT) },
		],
		[
			'phone_numbers',
			/^Register \+1 631-555-8000 \(Phone Number → Register/,
			{
				resource: 'phoneNumber',
				operation: 'register',
				phoneNumberId: locator(phone),
				pin: '246810',
			},
		],
		[
			'business_profile',
			/^Set the business profile of \+1 631-555-8000/,
			{
				resource: 'phoneNumber',
				operation: 'updateBusinessProfile',
				phoneNumberId: locator(phone),
				updateFields: { about: 'Fresh fruit, every day', vertical: 'GROCERY' },
			},
		],
		[
			'templates',
			/^Create or copy the client's first templates/,
			{
				resource: 'messageTemplate',
				operation: 'copy',
				wabaId: locator(CLIENT),
				sourceWabaId: STARTER,
			},
		],
	];
	for (const [step, words, action] of journey) {
		const before = await status();
		expect([before.next_step_name, before.next_step, before.ready]).toEqual([
			step,
			expect.stringMatching(words),
			false,
		]);
		expect(before[step]).toBe('missing');
		await run(action);
		// The copied templates are PENDING until Meta's review, which takes no time here.
		simulator.advanceClock(1);
	}
	const finished = await status();
	expect(finished).toMatchObject({
		waba_id: CLIENT,
		name: "Jasper's Market",
		ready: true,
		next_step: null,
		system_user: 'done',
		credit_line: 'done',
		webhooks: 'done',
		phone_numbers: 'done',
		display_names: 'done',
		business_profile: 'done',
		templates: 'done',
		health: 'done',
		approved_templates: 1,
		can_send_message: 'AVAILABLE',
		unknown_reasons: {},
		numbers: [
			{
				id: phone,
				display_phone_number: '+1 631-555-8000',
				status: 'CONNECTED',
				name_status: 'APPROVED',
				profile_set: true,
			},
		],
	});
});

test("a step the token may not read is unknown with Meta's reason; the others are still reported; a skipped step is not read", async () => {
	simulator.creditRole = 'EMPLOYEE';
	const read = await status({ skipSteps: ['templates'] });
	expect(read).toMatchObject({
		credit_line: 'unknown',
		system_user: 'missing',
		webhooks: 'missing',
		phone_numbers: 'missing',
		templates: 'skipped',
		next_step_name: 'system_user',
		ready: false,
	});
	expect(String((read.unknown_reasons as IDataObject).credit_line)).toMatch(
		/code 200.*Admin or Financial Editor/,
	);
	expect(simulator.requests.some((r) => r.path.endsWith('/message_templates'))).toBe(false);
	// Without a credit line the step is skipped (a Tech Provider has none).
	const noLine = await status({ creditLineId: '' });
	expect(noLine.credit_line).toBe('skipped');
});
