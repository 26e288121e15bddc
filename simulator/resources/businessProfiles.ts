// A phone number's business profile (whatsapp_business_profile) and conversational automation,
// with Meta's limits.
import { graphError } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, SimulatorState } from '../types';

const LIMITS: Record<string, number> = { about: 139, address: 256, description: 512, email: 128 };
const VERTICALS = new Set([
	'OTHER',
	'AUTO',
	'BEAUTY',
	'APPAREL',
	'EDU',
	'ENTERTAIN',
	'EVENT_PLAN',
	'FINANCE',
	'GROCERY',
	'GOVT',
	'HOTEL',
	'HEALTH',
	'NONPROFIT',
	'PROF_SERVICES',
	'RETAIL',
	'TRAVEL',
	'RESTAURANT',
	'ALCOHOL',
	'ONLINE_GAMBLING',
	'PHYSICAL_GAMBLING',
	'OTC_DRUGS',
]);

function checkProfile(body: Record<string, unknown>): Record<string, unknown> {
	if (body.messaging_product !== 'whatsapp') {
		throw graphError(400, 100, 'Invalid parameter: messaging_product must be whatsapp');
	}
	const update: Record<string, unknown> = {};
	for (const [field, max] of Object.entries(LIMITS)) {
		if (body[field] === undefined) continue;
		if (typeof body[field] !== 'string' || [...body[field]].length > max) {
			throw graphError(400, 100, `Invalid parameter: ${field} must be at most ${max} characters`);
		}
		update[field] = body[field];
	}
	if (update.about === '') throw graphError(400, 100, 'Invalid parameter: about must not be empty');
	if (body.vertical !== undefined) {
		if (!VERTICALS.has(String(body.vertical)))
			throw graphError(400, 100, 'Invalid parameter: vertical');
		update.vertical = body.vertical;
	}
	if (body.websites !== undefined) {
		const sites = body.websites;
		if (
			!Array.isArray(sites) ||
			sites.length > 2 ||
			sites.some((s) => !/^https?:\/\//.test(String(s)))
		) {
			throw graphError(400, 100, 'Invalid parameter: websites must be up to 2 http(s) URLs');
		}
		update.websites = sites;
	}
	if (body.profile_picture_handle !== undefined) {
		update.profile_picture_url = `https://pps.example.com/${String(body.profile_picture_handle).slice(0, 20)}`;
	}
	return update;
}

function checkAutomation(body: Record<string, unknown>): Record<string, unknown> {
	const prompts = (body.prompts ?? []) as unknown[];
	const commands = (body.commands ?? []) as Array<Record<string, unknown>>;
	if (!Array.isArray(prompts) || prompts.length > 4 || prompts.some((p) => String(p).length > 80)) {
		throw graphError(
			400,
			105,
			'(#105) The parameter prompts must have at most 4 elements of at most 80 characters',
		);
	}
	const badCommand = (c: Record<string, unknown>) =>
		!/^[A-Za-z0-9_]{1,32}$/.test(String(c.command_name ?? '')) ||
		String(c.command_description ?? '').length > 256;
	if (!Array.isArray(commands) || commands.length > 30 || commands.some(badCommand)) {
		throw graphError(
			400,
			105,
			'(#105) The parameter commands must have at most 30 elements, names of at most 32 characters (letters, digits or _)',
		);
	}
	return { enable_welcome_message: body.enable_welcome_message === true, prompts, commands };
}

/** GET, POST /{Phone-Number-ID}/whatsapp_business_profile; POST .../conversational_automation. */
export function routeBusinessProfile(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, body } = route;
	const phone = state.phoneNumbers.get(target);
	if (!phone) return NOT_MINE;
	if (edge === 'whatsapp_business_profile' && method === 'GET') {
		return { data: [{ messaging_product: 'whatsapp', ...phone.businessProfile }] };
	}
	if (edge === 'whatsapp_business_profile' && method === 'POST') {
		phone.businessProfile = { ...phone.businessProfile, ...checkProfile(body) };
		return { success: true };
	}
	if (edge === 'conversational_automation' && method === 'POST') {
		phone.automation = checkAutomation(body);
		return { success: true };
	}
	return NOT_MINE;
}
