// A number's Official Business Account badge (Meta's "Official Business Account" page, Dec 12,
// 2025 copy): the status as a field of the number (`official_business_account`, NOT_STARTED until
// requested) and as the contract's edge; a request with Meta's fields (the website, the country
// and language, 5 to 10 supporting links) is PENDING until its review ends (obaReviewMs), then
// APPROVED unless a control call decided otherwise. A rejected number may ask again after 30 days.
import { graphError } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, SimulatorState, WabaPhoneNumber } from '../types';

const DAY_MS = 86_400_000;
/** Meta's page: a new request 30 days after a rejection. */
export const OBA_RETRY_AFTER_MS = 30 * DAY_MS;

/** The number's OBA state, its review ended when its time has come. */
function obaOf(state: SimulatorState, phone: WabaPhoneNumber) {
	const oba = (phone.oba ??= { oba_status: 'NOT_STARTED' });
	if (oba.oba_status === 'PENDING' && oba.reviewAt !== undefined && state.now() >= oba.reviewAt) {
		oba.oba_status = oba.outcome ?? 'APPROVED';
		if (oba.oba_status === 'REJECTED') oba.rejectedAt = state.now();
		oba.status_message =
			oba.oba_status === 'APPROVED'
				? 'Your Official Business Account has been approved'
				: 'Your Official Business Account application was rejected. Please review the requirements and reapply.';
		oba.reviewAt = undefined;
		oba.outcome = undefined;
	}
	return oba;
}

export function obaView(state: SimulatorState, phone: WabaPhoneNumber) {
	const { oba_status, status_message } = obaOf(state, phone);
	return { oba_status, ...(status_message ? { status_message } : {}) };
}

function request(state: SimulatorState, phone: WabaPhoneNumber, body: Record<string, unknown>) {
	const oba = obaOf(state, phone);
	const links = Array.isArray(body.supporting_links) ? body.supporting_links : [];
	if (typeof body.business_website_url !== 'string' || !body.business_website_url) {
		throw graphError(400, 100, '(#100) The parameter business_website_url is required');
	}
	if (links.length < 5 || links.length > 10) {
		throw graphError(400, 100, '(#100) Param supporting_links must have 5 to 10 links');
	}
	if (oba.oba_status === 'PENDING' || oba.oba_status === 'APPROVED') {
		throw graphError(
			400,
			100,
			`(#100) This phone number already has an Official Business Account request: ${oba.oba_status}`,
		);
	}
	if (oba.rejectedAt !== undefined && state.now() < oba.rejectedAt + OBA_RETRY_AFTER_MS) {
		throw graphError(
			400,
			100,
			'(#100) A new Official Business Account request can be made 30 days after a rejection',
		);
	}
	Object.assign(oba, {
		oba_status: 'PENDING',
		status_message: 'Your Official Business Account application is under review',
		reviewAt: state.now() + state.obaReviewMs,
		request: body,
	});
	return { success: true };
}

/** GET /{Phone-Number-ID}?fields=official_business_account, and the contract's edge. */
export function routeOfficialBusinessAccount(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const phone = state.phoneNumbers.get(target);
	if (!phone) return NOT_MINE;
	if (
		!edge &&
		method === 'GET' &&
		url.searchParams.get('fields') === 'id,official_business_account'
	) {
		return { id: phone.id, official_business_account: obaView(state, phone) };
	}
	if (edge !== 'official_business_account') return NOT_MINE;
	if (method === 'GET') return { id: phone.id, ...obaView(state, phone) };
	if (method === 'POST') return request(state, phone, body);
	return NOT_MINE;
}
