// The users assigned to a WABA (the contract's /{WABA-ID}/assigned_users): list them for a
// business, assign one with its tasks, remove one. As the contract answers: a second assignment of
// the same user is 422 "already assigned", removing a user not assigned is an error.
import { graphError, page, pickFields } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, SimulatorState, Waba } from '../types';
import { readableWaba } from './subscribedApps';

/** The contract's WhatsAppBusinessAccountPermissionTask. */
export const PERMISSION_TASKS = [
	'MANAGE',
	'DEVELOP',
	'MANAGE_TEMPLATES',
	'MANAGE_PHONE',
	'VIEW_COST',
	'MANAGE_EXTENSIONS',
	'VIEW_PHONE_ASSETS',
	'MANAGE_PHONE_ASSETS',
	'VIEW_TEMPLATES',
	'VIEW_INSIGHTS',
	'RECEIVE_INCOMING_MESSAGES',
	'MANAGE_BILLING',
	'MANAGE_USERS',
	'MESSAGING',
	'FULL_CONTROL',
];

/** The simulator's system user (GET /me answers it). */
export const SIMULATOR_SYSTEM_USER = { id: '10000000000001', name: 'Simulator System User' };

function readUser(body: Record<string, unknown>, url: URL): string {
	const user = String(body.user ?? url.searchParams.get('user') ?? '');
	if (!/^[0-9]+$/.test(user)) {
		throw graphError(400, 100, 'Invalid parameter: user must be a valid user ID');
	}
	return user;
}

function readTasks(value: unknown): string[] {
	let tasks: unknown = value;
	if (typeof value === 'string') {
		try {
			tasks = JSON.parse(value);
		} catch {
			tasks = value.split(',');
		}
	}
	if (
		!Array.isArray(tasks) ||
		tasks.length === 0 ||
		tasks.some((t) => !PERMISSION_TASKS.includes(String(t)))
	) {
		throw graphError(
			400,
			100,
			`Invalid parameter: tasks must be a list of {${PERMISSION_TASKS.join(', ')}}`,
		);
	}
	return tasks.map(String);
}

function userView(state: SimulatorState, waba: Waba, user: { id: string; tasks: string[] }) {
	const business = state.businessIds.includes(waba.businessId) ? waba.businessId : undefined;
	return {
		id: user.id,
		name: user.id === SIMULATOR_SYSTEM_USER.id ? SIMULATOR_SYSTEM_USER.name : `User ${user.id}`,
		business: business && { id: business, name: 'Partner business' },
		user_type: 'SYSTEM_USER',
		tasks: user.tasks,
	};
}

/** GET, POST and DELETE /{WABA-ID}/assigned_users. */
export function routeAssignedUsers(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const found = state.wabas.get(target);
	if (!found || edge !== 'assigned_users') return NOT_MINE;
	const waba = readableWaba(found);
	const users = (waba.assignedUsers ??= []);
	if (method === 'GET') {
		const business = url.searchParams.get('business');
		if (!business) {
			throw graphError(400, 100, 'The parameter business is required to specify a business');
		}
		const fields = url.searchParams.get('fields');
		return page(state.baseUrl, users, url, (u) =>
			pickFields(userView(state, waba, u), fields, ['id', 'name']),
		);
	}
	if (method === 'POST') {
		const user = readUser(body, url);
		const tasks = readTasks(body.tasks ?? url.searchParams.get('tasks'));
		if (users.some((u) => u.id === user)) {
			throw graphError(422, 100, 'User is already assigned to this WhatsApp Business Account');
		}
		users.push({ id: user, tasks });
		return { success: true };
	}
	if (method === 'DELETE') {
		const user = readUser(body, url);
		const index = users.findIndex((u) => u.id === user);
		if (index === -1) {
			throw graphError(404, 100, 'User is not assigned to this WhatsApp Business Account');
		}
		users.splice(index, 1);
		return { success: true };
	}
	return NOT_MINE;
}
