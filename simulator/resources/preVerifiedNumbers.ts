// Pre-verified phone numbers: a business's pool (add, list, share) and each number (get,
// delete, request and verify code, partners).
import { display, graphError, NUMERIC_ID, page, pageLimit, pickFields } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, PreVerifiedNumber, SimulatorState, VerificationStatus } from '../types';
import { requestCode } from './verificationCode';

export const VERIFIED_FOR_MS = 90 * 86_400_000;

export function requireBusiness(state: SimulatorState, id: string): void {
	if (!state.businessIds.includes(id)) {
		throw graphError(404, 803, 'WhatsApp Business Account not found');
	}
}

/** VERIFIED, NOT_VERIFIED, or EXPIRED once a verified number's 90 days have passed. */
export function statusOf(state: SimulatorState, number: PreVerifiedNumber): VerificationStatus {
	if (
		number.code_verification_status === 'VERIFIED' &&
		number.verification_expiry_time !== undefined &&
		number.verification_expiry_time * 1000 < state.now()
	) {
		return 'EXPIRED';
	}
	return number.code_verification_status;
}

function view(state: SimulatorState, number: PreVerifiedNumber, fields: string | null) {
	const full: Record<string, unknown> = {
		id: number.id,
		phone_number: display(number.digits),
		code_verification_status: statusOf(state, number),
		code_verification_time: number.code_verification_time,
		// Meta sends Unix seconds here and ISO strings elsewhere; the node accepts both.
		verification_expiry_time: number.verification_expiry_time,
		owner_business: { id: number.businessId },
	};
	return pickFields(full, fields, ['id', 'phone_number', 'code_verification_status']);
}

/** Puts a number into a business's pool, not verified or verified now; returns its ID. */
export function putNumber(
	state: SimulatorState,
	businessId: string,
	digits: string,
	verified: boolean,
): string {
	const id = state.newId();
	const now = state.now();
	state.idByNumber.set(`${businessId}:${digits}`, id);
	state.numbers.set(id, {
		id,
		businessId,
		digits,
		code_verification_status: verified ? 'VERIFIED' : 'NOT_VERIFIED',
		code_verification_time: verified ? Math.floor(now / 1000) : undefined,
		verification_expiry_time: verified ? Math.floor((now + VERIFIED_FOR_MS) / 1000) : undefined,
		createdAt: now,
	});
	return id;
}

function add(state: SimulatorState, businessId: string, url: URL, body: Record<string, unknown>) {
	requireBusiness(state, businessId);
	const raw = body.phone_number ?? url.searchParams.get('phone_number');
	const digits = typeof raw === 'string' ? raw.replace(/[\s\-().]/g, '').replace(/^\+/, '') : '';
	if (!/^[1-9][0-9]{6,14}$/.test(digits)) {
		throw graphError(400, 100, 'Invalid phone number');
	}
	if (state.idByNumber.has(`${businessId}:${digits}`)) {
		throw graphError(400, 100, 'Invalid parameter', {
			error_user_title: 'Phone number already added',
			error_user_msg: `The phone number ${display(digits)} has already been added to this business.`,
			error_subcode: 2388093,
		});
	}
	const id = putNumber(state, businessId, digits, false);
	state.addsByNumber.set(digits, (state.addsByNumber.get(digits) ?? 0) + 1);
	return { id };
}

function list(state: SimulatorState, businessId: string, url: URL) {
	requireBusiness(state, businessId);
	pageLimit(url);
	const params = url.searchParams;
	const status = params.get('code_verification_status');
	const phone = params.get('phone_number')?.replace(/\D/g, '');
	const phoneId = phone ? state.idByNumber.get(`${businessId}:${phone}`) : undefined;
	const candidates = phone
		? [phoneId ? state.numbers.get(phoneId) : undefined].filter((n) => n !== undefined)
		: [...state.numbers.values()].filter((n) => n.businessId === businessId);
	const all = candidates.filter((n) => !status || statusOf(state, n) === status);
	const fields = params.get('fields');
	return page(state.baseUrl, all, url, (n) => view(state, n, fields));
}

/** POST or DELETE /{Business-ID}/share_preverified_numbers: share a number, or stop. */
function share(
	state: SimulatorState,
	businessId: string,
	method: string,
	params: Record<string, unknown>,
) {
	requireBusiness(state, businessId);
	const id = String(params.preverified_id ?? '');
	const partner = String(params.partner_business_id ?? '');
	if (!NUMERIC_ID.test(id) || !NUMERIC_ID.test(partner)) {
		throw graphError(400, 100, 'Invalid preverified_id: must be a valid numeric string');
	}
	const number = state.numbers.get(id);
	if (!number) throw graphError(404, 803, 'Pre-verified phone number not found');
	if (number.businessId !== businessId) {
		throw graphError(
			403,
			200,
			"Your business doesn't have permission to share this pre-verified phone number",
		);
	}
	number.sharedWith ??= new Set();
	if (method === 'POST') number.sharedWith.add(partner);
	else number.sharedWith.delete(partner);
	return { success: true };
}

function verifyCode(
	state: SimulatorState,
	number: PreVerifiedNumber,
	url: URL,
	body: Record<string, unknown>,
) {
	const code = String(body.code ?? url.searchParams.get('code') ?? '');
	if (!number.pendingCode || code !== number.pendingCode) {
		throw graphError(400, 100, 'The verification code is incorrect');
	}
	if ((number.pendingCodeExpires ?? 0) < state.now()) {
		throw graphError(422, 100, 'The verification code has expired. Request a new code.');
	}
	const now = state.now();
	number.code_verification_status = 'VERIFIED';
	number.code_verification_time = Math.floor(now / 1000);
	number.verification_expiry_time = Math.floor((now + VERIFIED_FOR_MS) / 1000);
	number.pendingCode = undefined;
	return { success: true };
}

/** The pool's edges on a business. */
/**
 * What Meta does to the pool as time passes: a verified number unclaimed for 90 days reverts to
 * not verified; a number never verified within 90 days is removed.
 */
export function expirePool(state: SimulatorState, now: number): void {
	for (const number of [...state.numbers.values()]) {
		if (number.code_verification_status === 'VERIFIED') {
			if ((number.verification_expiry_time ?? Infinity) * 1000 <= now) {
				number.code_verification_status = 'NOT_VERIFIED';
				number.verification_expiry_time = undefined;
				number.code_verification_time = undefined;
				number.createdAt = now;
			}
		} else if (number.createdAt + VERIFIED_FOR_MS <= now) {
			state.removeNumber(number);
		}
	}
}

export function routeBusinessPool(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	if (edge === 'add_phone_numbers' && method === 'POST') return add(state, target, url, body);
	if (edge === 'preverified_numbers' && method === 'GET') return list(state, target, url);
	if (edge === 'share_preverified_numbers' && (method === 'POST' || method === 'DELETE')) {
		return share(state, target, method, { ...Object.fromEntries(url.searchParams), ...body });
	}
	return NOT_MINE;
}

/** One pre-verified number by its ID. */
export function routePreVerifiedNumber(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const number = state.numbers.get(target);
	if (!number) return NOT_MINE;
	if (!edge && method === 'GET') return view(state, number, url.searchParams.get('fields'));
	if (!edge && method === 'DELETE') {
		state.removeNumber(number);
		return { success: true };
	}
	if (edge === 'request_code' && method === 'POST') {
		return requestCode(number, state.now(), url, body);
	}
	if (edge === 'verify_code' && method === 'POST') return verifyCode(state, number, url, body);
	if (edge === 'partners' && method === 'GET') {
		const partners = [...(number.sharedWith ?? [])].map((id) => ({ id, name: `Partner ${id}` }));
		return page(state.baseUrl, partners, url, (p) => p);
	}
	throw graphError(400, 100, `Unsupported ${method} request on ${edge ?? 'node'}`);
}
