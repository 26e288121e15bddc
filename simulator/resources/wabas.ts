// WhatsApp Business Accounts: a business's owned and client WABAs, and a WABA's phone numbers
// (list, and add: with preverified_id, a client's claim of a pre-verified number).
import { graphError, page } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, SimulatorState, Waba } from '../types';
import { phoneViewWithHealth } from './healthStatus';
import { migrateNumber } from './migration';
import { phoneView } from './phoneNumbers';
import { requireBusiness, statusOf } from './preVerifiedNumbers';
import { readableWaba, wabaView } from './subscribedApps';

/** POST /{WABA-ID}/phone_numbers: a number joins the WABA; with preverified_id, a claim. */
function addToWaba(state: SimulatorState, waba: Waba, body: Record<string, unknown>) {
	const cc = String(body.cc ?? '');
	const national = String(body.phone_number ?? '');
	const name = String(body.verified_name ?? '');
	if (!/^[0-9]{1,3}$/.test(cc) || !/^[0-9]{4,14}$/.test(national)) {
		throw graphError(400, 100, 'Invalid parameter: cc and phone_number must be digits');
	}
	const digits = `${cc}${national}`;
	// A migrated number keeps its display name: Meta's request carries none.
	if (body.migrate_phone_number === true || body.migrate_phone_number === 'true') {
		return { id: migrateNumber(state, waba, digits).id };
	}
	if (name.length < 2 || name.length > 75) {
		throw graphError(400, 100, 'Invalid parameter: verified_name must be 2 to 75 characters');
	}
	if ([...state.phoneNumbers.values()].some((p) => `${p.cc}${p.national}` === digits)) {
		throw graphError(409, 100, 'Phone number is already registered with WhatsApp Business');
	}
	let verified = false;
	const preverifiedId = body.preverified_id === undefined ? undefined : String(body.preverified_id);
	if (preverifiedId !== undefined) {
		const pool = state.numbers.get(preverifiedId);
		if (!pool || pool.digits !== digits) {
			throw graphError(400, 100, 'Invalid parameter: preverified_id does not match phone_number');
		}
		if (statusOf(state, pool) !== 'VERIFIED') {
			throw graphError(400, 100, 'The pre-verified phone number is not verified');
		}
		// Claimed: the number leaves the partner's pool, verified.
		state.removeNumber(pool);
		verified = true;
	}
	const id = state.newId();
	state.phoneNumbers.set(id, {
		id,
		wabaId: waba.id,
		cc,
		national,
		verified_name: name,
		status: 'PENDING',
		code_verification_status: verified ? 'VERIFIED' : 'NOT_VERIFIED',
		quality_rating: 'UNKNOWN',
		messaging_limit_tier: 'TIER_250',
		name_status: 'APPROVED',
		platform_type: 'NOT_APPLICABLE',
		preverified_id: preverifiedId,
		registrations: [],
	});
	return { id };
}

/** GET /{Business-ID}/owned_whatsapp_business_accounts and client_whatsapp_business_accounts. */
export function routeBusinessWabas(state: SimulatorState, route: GraphRoute): unknown {
	const { target, edge, url } = route;
	if (edge !== 'owned_whatsapp_business_accounts' && edge !== 'client_whatsapp_business_accounts') {
		return NOT_MINE;
	}
	requireBusiness(state, target);
	const client = edge === 'client_whatsapp_business_accounts';
	const wabas = [...state.wabas.values()].filter(
		(w) => w.businessId === target && (w.client === true) === client && !w.partnerRemoved,
	);
	return page(state.baseUrl, wabas, url, (w) => wabaView(w, url.searchParams.get('fields')));
}

/**
 * Meta's `filtering` on a WABA's numbers: EQUAL conditions on account_mode,
 * messaging_limit_tier or is_official_business_account (the contract's list). Meta no longer
 * moves the deprecated messaging_limit_tier, so a filter on it matches what it was once.
 */
function readFiltering(text: string | null): Array<{ field: string; value: unknown }> {
	if (!text) return [];
	let conditions: unknown;
	try {
		conditions = JSON.parse(text);
	} catch {
		conditions = undefined;
	}
	const fields = ['account_mode', 'messaging_limit_tier', 'is_official_business_account'];
	if (
		!Array.isArray(conditions) ||
		conditions.some((c) => !fields.includes(c?.field) || c?.operator !== 'EQUAL')
	) {
		throw graphError(
			400,
			100,
			`Invalid parameter: filtering must be EQUAL conditions on ${fields.join(', ')}`,
		);
	}
	return conditions as Array<{ field: string; value: unknown }>;
}

/** GET and POST /{WABA-ID}/phone_numbers. */
export function routeWaba(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const waba = state.wabas.get(target);
	if (!waba || edge !== 'phone_numbers') return NOT_MINE;
	if (method === 'GET') {
		readableWaba(waba);
		const conditions = readFiltering(url.searchParams.get('filtering'));
		const numbers = [...state.phoneNumbers.values()].filter(
			(p) =>
				p.wabaId === waba.id &&
				conditions.every((c) => String(phoneView(p, c.field)[c.field]) === String(c.value)),
		);
		const fields = url.searchParams.get('fields');
		return page(state.baseUrl, numbers, url, (p) => phoneViewWithHealth(state, p, fields));
	}
	if (method === 'POST') return addToWaba(state, waba, body);
	return NOT_MINE;
}
