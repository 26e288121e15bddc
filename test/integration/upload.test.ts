/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// Uploads from binary data (issue 25, item 2b): Update Business Profile's Profile Picture from an
// input item's binary field, through Meta's Resumable Upload API, in n8n's engine against the
// simulator: the session, the bytes received equal to the input, the handle in the following
// request, the token as "OAuth" on the upload and never to another host; Meta's limits and the
// App ID checked before any request.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator, SIMULATOR_APP } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAUploadSecretTokenM3x8';
const BUSINESS = '1234567890123456';
const PHONE_A = '1906385232743451';
const PHONE_B = '1906385232743452';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: [BUSINESS] });
	await simulator.start();
	simulator.seedConnectedPhoneNumber(PHONE_A, '6315551000');
	simulator.seedConnectedPhoneNumber(PHONE_B, '6315551001');
});

afterEach(async () => {
	await simulator.stop();
});

/** A small PNG-like file: the PNG signature, then bytes that differ per `seed`. */
function png(seed: number, size = 300): Buffer {
	const bytes = Buffer.alloc(size, seed);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
	return bytes;
}

const file = (bytes: Buffer, mimeType = 'image/png', fileName = 'logo.png') => ({
	data: { data: bytes.toString('base64'), mimeType, fileName },
});

async function run(
	rows: IDataObject[],
	appId: string | undefined = SIMULATOR_APP.id,
	fields?: INodeParameters,
) {
	return await runEachRow({
		parameters: {
			resource: 'phoneNumber',
			operation: 'updateBusinessProfile',
			phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.phone }}' },
			updateFields: fields ?? { profilePictureBinaryField: 'data' },
			options: { maxAttempts: 2 },
		},
		rows,
		credentials: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			...(appId === undefined ? {} : { appId }),
		},
		secrets: [TOKEN],
	});
}

const graphCalls = () => simulator.requests.filter((r) => r.path.startsWith('/v23.0/'));

test('each row its own picture: a session each, the bytes received equal the input, the handle in the profile update', async () => {
	const pictures = [png(1), png(2, 500)];
	const { success } = await run([
		{ phone: PHONE_A, _binary: file(pictures[0]) },
		{ phone: PHONE_B, _binary: file(pictures[1], 'image/jpeg', 'shop.jpg') },
	]);
	const sessions = [...simulator.uploads.values()];
	expect(sessions).toHaveLength(2);
	expect(sessions.map((s) => [s.appId, s.fileName, s.fileType, s.fileLength])).toEqual([
		[SIMULATOR_APP.id, 'logo.png', 'image/png', 300],
		[SIMULATOR_APP.id, 'shop.jpg', 'image/jpeg', 500],
	]);
	sessions.forEach((s, i) => expect(s.bytes?.equals(pictures[i])).toBe(true));
	const updates = graphCalls().filter((r) => r.path.endsWith('/whatsapp_business_profile'));
	expect(updates.map((r) => [r.path.split('/')[2], r.body?.profile_picture_handle])).toEqual([
		[PHONE_A, sessions[0].handle],
		[PHONE_B, sessions[1].handle],
	]);
	expect(success.map((i) => i.json.profile_picture_handle)).toEqual(sessions.map((s) => s.handle));
	expect(success[0].json).toMatchObject({ success: true, updated: ['profile_picture_handle'] });
	// The bytes went with "OAuth" as Meta requires, everything else with the credential's Bearer;
	// every request to the simulator's host, none elsewhere.
	const schemes = graphCalls().map(
		(r) => `${r.path.includes('/upload:') ? 'bytes' : r.path.split('/').pop()} ${r.scheme}`,
	);
	expect(schemes).toEqual([
		'uploads Bearer',
		'bytes OAuth',
		'whatsapp_business_profile Bearer',
		'uploads Bearer',
		'bytes OAuth',
		'whatsapp_business_profile Bearer',
	]);
	const host = new URL(simulator.baseUrl).host;
	expect(simulator.requests.every((r) => r.host === host)).toBe(true);
});

test('refused before any request, each item with what to fix: no App ID, wrong type, too big, no binary field, both picture fields', async () => {
	const noApp = await run([{ phone: PHONE_A, _binary: file(png(1)) }], '');
	expect(String(noApp.failure[0].json.error)).toMatch(
		/^Uploading the profile picture needs the App ID in the credential: App Dashboard > your app > App settings > Basic\.$/,
	);
	const { failure } = await run([
		{ phone: PHONE_A, _binary: file(png(1), 'image/gif', 'logo.gif') },
		{ phone: PHONE_A, _binary: file(Buffer.alloc(5 * 1_048_576 + 1, 7)) },
		{ phone: PHONE_A },
	]);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		'The profile picture is of type image/gif; Meta accepts image/jpeg or image/jpg or image/png. Convert the file first.',
		'The profile picture is 5,242,881 bytes; Meta accepts at most 5,242,880 (5 MB). Make the file smaller first.',
		expect.stringMatching(/^The input item has no binary field "data" for the profile picture/),
	]);
	const both = await run([{ phone: PHONE_A, _binary: file(png(1)) }], SIMULATOR_APP.id, {
		profilePictureBinaryField: 'data',
		profilePictureHandle: '4::abc',
	});
	expect(String(both.failure[0].json.error)).toBe(
		'Both Profile Picture (Input Binary Field) and Profile Picture Handle are set: keep one of them.',
	);
	expect(graphCalls()).toHaveLength(0);
	expect(simulator.uploads.size).toBe(0);
});

test('a session ID that would leave the Base URL is refused; the token goes to no other host', async () => {
	simulator.script.push({ status: 200, body: '{"id":"upload:x@evil.example/steal?sig=1"}' });
	const { failure } = await run([{ phone: PHONE_A, _binary: file(png(1)) }]);
	expect(String(failure[0].json.error)).toMatch(/^Refusing to call Meta with the path segment/);
	expect(graphCalls()).toHaveLength(1);
});
