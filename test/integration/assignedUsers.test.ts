/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code: runs in Node.js, never inside n8n */
// System users on a client's WABA (issue 34): Assign User, Get Assigned Users and Remove User in
// n8n's engine against the simulator, with the contract's requests (a form body with `user` and
// `tasks`; `business` on the list); assigning twice, or again after an applied 500 or a lost
// answer, is one assignment and a success; removing a user not assigned is a success too.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import type { ScriptedResponse } from '../../simulator/GraphApiSimulator';
import { runEachRow } from '../helpers/engine';

const TOKEN = 'EAAAssignedUsersSecretL2x9';
const PARTNER = '1234567890123456';
const WABA = '2000000000000002';
const OTHER_WABA = '2000000000000003';
const SYSTEM_USER = '10000000000001';
let simulator: GraphApiSimulator;

beforeEach(async () => {
	simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [PARTNER],
		wabas: [
			{ id: WABA, businessId: PARTNER, name: "Jasper's Market", client: true },
			{ id: OTHER_WABA, businessId: PARTNER, name: 'Lucky Shrub', client: true },
		],
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
			resource: 'whatsAppBusinessAccount',
			operation,
			wabaId: locator(WABA),
			options: { maxAttempts: 3, initialRetryDelayMs: 0, timeoutMs: 2000 },
			...parameters,
		},
		rows,
		credentials: {
			accessToken: TOKEN,
			apiVersion: 'v23.0',
			baseUrl: simulator.baseUrl,
			businessId: PARTNER,
		},
		secrets: [TOKEN],
	});
}

const calls = (method: string) =>
	simulator.requests.filter((r) => r.method === method && r.path.endsWith('/assigned_users'));
const json = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json);

test("Assign User: the contract's form body; each row its own WABA, user and tasks; twice is one assignment and a success", async () => {
	const rows = [
		{ waba: WABA, user: SYSTEM_USER, tasks: ['MANAGE', 'DEVELOP'] },
		{ waba: OTHER_WABA, user: '10000000000002', tasks: 'MANAGE_TEMPLATES,VIEW_COST' },
	];
	const { success } = await run(
		'assignUser',
		{
			wabaId: locator('={{ $json.waba }}'),
			userId: '={{ $json.user }}',
			tasks: '={{ $json.tasks }}',
		},
		rows,
	);
	expect(json(success)).toEqual([
		{
			waba_id: WABA,
			user_id: SYSTEM_USER,
			tasks: ['MANAGE', 'DEVELOP'],
			assigned: true,
			alreadyAssigned: false,
		},
		{
			waba_id: OTHER_WABA,
			user_id: '10000000000002',
			tasks: ['MANAGE_TEMPLATES', 'VIEW_COST'],
			assigned: true,
			alreadyAssigned: false,
		},
	]);
	expect(calls('POST').map((r) => [r.path, r.body])).toEqual([
		[`/v23.0/${WABA}/assigned_users`, { user: SYSTEM_USER, tasks: '["MANAGE","DEVELOP"]' }],
		[
			`/v23.0/${OTHER_WABA}/assigned_users`,
			{ user: '10000000000002', tasks: '["MANAGE_TEMPLATES","VIEW_COST"]' },
		],
	]);
	const again = await run('assignUser', { userId: SYSTEM_USER, tasks: ['MANAGE'] });
	expect(json(again.success)[0]).toMatchObject({ assigned: true, alreadyAssigned: true });
	expect(simulator.wabas.get(WABA)?.assignedUsers).toEqual([
		{ id: SYSTEM_USER, tasks: ['MANAGE', 'DEVELOP'] },
	]);
});

test.each<[string, ScriptedResponse['action']]>([
	['applied, then answered 500', 'appliedThenFail'],
	['applied, then the answer lost', 'lostAnswer'],
])('Assign User %s: one assignment, a success item', async (_, action) => {
	simulator.script.push({ action, when: { method: 'POST', pathEndsWith: '/assigned_users' } });
	const { success, failure } = await run('assignUser', { userId: SYSTEM_USER, tasks: ['MANAGE'] });
	expect(failure).toEqual([]);
	expect(json(success)[0]).toMatchObject({ assigned: true });
	expect(simulator.wabas.get(WABA)?.assignedUsers).toHaveLength(1);
});

test('Assign User: a user ID or a task that is not Meta’s fails its row before any request', async () => {
	const { failure } = await run(
		'assignUser',
		{ userId: '={{ $json.user }}', tasks: '={{ $json.tasks }}' },
		[
			{ user: 'me', tasks: ['MANAGE'] },
			{ user: SYSTEM_USER, tasks: ['MANAGE', 'ADMIN'] },
			{ user: SYSTEM_USER, tasks: [] },
		],
	);
	expect(failure.map((i) => String(i.json.error))).toEqual([
		expect.stringMatching(/^User ID "me" is not valid: use the digits of the system user's ID/),
		expect.stringMatching(
			/^Task "ADMIN" is not one of Meta's: pick from DEVELOP, FULL_CONTROL, MANAGE, /,
		),
		expect.stringMatching(/^Tasks is empty: pick from /),
	]);
	expect(calls('POST')).toHaveLength(0);
});

test("Get Assigned Users: Meta's `business` from the credential, every page with Return All, the Limit otherwise", async () => {
	simulator.wabas.get(WABA)!.assignedUsers = Array.from({ length: 130 }, (_, i) => ({
		id: String(10000000000100 + i),
		tasks: ['MANAGE'],
	}));
	const all = await run('getAssignedUsers', { returnAll: true });
	expect(all.success).toHaveLength(130);
	expect(json(all.success)[0]).toMatchObject({
		waba_id: WABA,
		id: '10000000000100',
		user_type: 'SYSTEM_USER',
		tasks: ['MANAGE'],
		business_id: PARTNER,
	});
	const gets = calls('GET');
	expect(gets).toHaveLength(2);
	expect(new URLSearchParams(gets[0].query).get('business')).toBe(PARTNER);
	const some = await run('getAssignedUsers', { returnAll: false, limit: 5 });
	expect(some.success).toHaveLength(5);
});

test('Remove User: removed; a user not assigned (any more) is a success that says so', async () => {
	simulator.wabas.get(WABA)!.assignedUsers = [{ id: SYSTEM_USER, tasks: ['MANAGE'] }];
	const first = await run('removeUser', { userId: SYSTEM_USER });
	expect(json(first.success)[0]).toEqual({
		waba_id: WABA,
		user_id: SYSTEM_USER,
		removed: true,
		alreadyRemoved: false,
	});
	expect(calls('DELETE')[0].body).toEqual({ user: SYSTEM_USER });
	const again = await run('removeUser', { userId: SYSTEM_USER });
	expect(json(again.success)[0]).toMatchObject({ removed: true, alreadyRemoved: true });
	expect(simulator.wabas.get(WABA)?.assignedUsers).toEqual([]);
});
