/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Every create exactly once. Meta does not deduplicate creates: after a failure that may have
// been applied (a 500 after Meta made the object, or an answer lost on the way), a plain retry
// would make a second QR code, or be refused as "already registered" for the node's own add.
// Each create looks for what its first attempt made before it sends again.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import type { ScriptedResponse } from '../../simulator/GraphApiSimulator';
import { nodeWorkflow, runWorkflow } from '../helpers/engine';

const TOKEN = 'EAACreateOnceSecretToken4Jx9';
const BUSINESS = '1234567890123456';
const PHONE = '1906385232743451';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
	simulator.seedConnectedPhoneNumber(PHONE, '6315554000');
});

afterEach(async () => {
	await simulator.stop();
});

async function runOnce(parameters: INodeParameters) {
	const result = await runWorkflow(
		nodeWorkflow({
			rows: [{ row: 1 }],
			onError: 'continueErrorOutput',
			parameters: {
				...parameters,
				options: { ...(parameters.options as IDataObject), initialRetryDelayMs: 0 },
			},
		}),
		{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl: simulator.baseUrl },
	);
	expect(result.error).toBeUndefined();
	const [success = [], failure = []] = result.outputs('WhatsApp');
	return { success, failure };
}

const AMBIGUOUS: Array<[string, ScriptedResponse['action']]> = [
	['applied, then answered 500', 'appliedThenFail'],
	['applied, then the answer lost', 'lostAnswer'],
];

const posts = (edge: string) =>
	simulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith(edge));

describe.each(AMBIGUOUS)('a create %s', (_name, action) => {
	test('QR Code Create leaves exactly one QR code and one success item', async () => {
		simulator.script.push({ action });
		const { success, failure } = await runOnce({
			resource: 'qrCode',
			operation: 'create',
			phoneNumberId: { __rl: true, mode: 'id', value: PHONE },
			prefilledMessage: 'Hi! I saw your poster.',
			imageFormat: 'PNG',
		});
		expect(failure).toEqual([]);
		const codes = [...(simulator.phoneNumbers.get(PHONE)?.qrCodes?.values() ?? [])];
		expect(codes.map((c) => c.prefilled_message)).toEqual(['Hi! I saw your poster.']);
		expect(success).toHaveLength(1);
		expect(success[0].json.code).toBe(codes[0].code);
		expect(Object.keys(success[0].binary ?? {})).toEqual(['data']);
		expect(posts('/message_qrdls')).toHaveLength(1);
	});

	test('Add to WABA comes out on the success branch with the number it added', async () => {
		const pool = simulator.seedPreVerifiedNumber(BUSINESS, '16315551000', true);
		simulator.script.push({ action });
		const { success, failure } = await runOnce({
			resource: 'phoneNumber',
			operation: 'addToWaba',
			wabaId: { __rl: true, mode: 'id', value: SIMULATOR_WABA_ID },
			phoneNumber: '+1 631 555 1000',
			verifiedName: "Jasper's Market",
			options: { preverifiedId: pool },
		});
		expect(failure.map((i) => i.json.error)).toEqual([]);
		const added = [...simulator.phoneNumbers.values()].filter((p) => p.national === '6315551000');
		expect(added).toHaveLength(1);
		expect(success.map((i) => (i.json as IDataObject).id)).toEqual([added[0].id]);
		expect(success[0].json).toMatchObject({ phone_number: '+16315551000', preverified_id: pool });
		expect(posts(`/${SIMULATOR_WABA_ID}/phone_numbers`)).toHaveLength(1);
	});

	test('Add Phone Number adds the number once and answers with its ID', async () => {
		simulator.script.push({ action });
		const { success, failure } = await runOnce({
			resource: 'preVerifiedNumber',
			operation: 'add',
			businessId: BUSINESS,
			phoneNumber: '+1 631 555 2000',
		});
		expect(failure).toEqual([]);
		expect(simulator.totalAdds()).toBe(1);
		expect(success[0].json.id).toBe(simulator.idByNumber.get(`${BUSINESS}:16315552000`));
	});
});

test('a QR code created by an earlier run with another message is not taken for this one', async () => {
	const phone = simulator.phoneNumbers.get(PHONE);
	phone!.qrCodes = new Map([
		['AAAAAAAAAAAAAA', { code: 'AAAAAAAAAAAAAA', prefilled_message: 'Older poster', createdAt: 0 }],
	]);
	simulator.script.push({ action: 'appliedThenFail' });
	const { success } = await runOnce({
		resource: 'qrCode',
		operation: 'create',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE },
		prefilledMessage: 'New poster',
		imageFormat: 'none',
	});
	expect(success).toHaveLength(1);
	expect(success[0].json.code).not.toBe('AAAAAAAAAAAAAA');
	expect(phone!.qrCodes.size).toBe(2);
});

test('without an ambiguous failure, nothing is looked up before a create', async () => {
	await runOnce({
		resource: 'qrCode',
		operation: 'create',
		phoneNumberId: { __rl: true, mode: 'id', value: PHONE },
		prefilledMessage: 'Hello',
		imageFormat: 'none',
	});
	expect(simulator.requests.map((r) => r.method)).toEqual(['POST']);
});
