// A Solution Partner's credit lines (Meta's "Managing credit lines" page): the business's
// extendedcredits, a credit line shared with a client's WABA (whatsapp_credit_sharing_and_attach),
// its allocation config (receiving_credential, request_status), the sharings of a credit line
// (owning_credit_allocation_configs) and their revocation (DELETE). Every call needs the Admin or
// Financial Editor role: the simulator's state says which role the token's system user has.
import { graphError, page, pickFields } from '../graph';
import { NOT_MINE } from '../types';
import type { CreditAllocation, CreditLine, GraphRoute, SimulatorState, Waba } from '../types';
import { ownerOf, readableWaba } from './subscribedApps';

/** Meta's invoicing currencies for a shared credit line. */
export const CREDIT_CURRENCIES = ['AUD', 'EUR', 'GBP', 'IDR', 'INR', 'USD'];

function requireRole(state: SimulatorState): void {
	if (state.creditRole === 'EMPLOYEE') {
		throw graphError(
			403,
			200,
			'(#200) The system user needs the Admin or Financial Editor role on the business to manage its credit lines',
		);
	}
}

function allocationView(allocation: CreditAllocation, fields: string | null) {
	return pickFields(
		{
			id: allocation.id,
			receiving_credential: { id: allocation.receivingCredentialId },
			receiving_business: allocation.receivingBusiness,
			request_status: allocation.request_status,
		},
		fields,
		['id'],
	);
}

/** POST /{credit-line}/whatsapp_credit_sharing_and_attach?waba_id=&waba_currency= */
function shareAndAttach(state: SimulatorState, line: CreditLine, url: URL) {
	const wabaId = url.searchParams.get('waba_id') ?? '';
	const currency = url.searchParams.get('waba_currency') ?? '';
	if (!CREDIT_CURRENCIES.includes(currency)) {
		throw graphError(
			400,
			100,
			`(#100) Param waba_currency must be one of {${CREDIT_CURRENCIES.join(', ')}}`,
		);
	}
	const waba = state.wabas.get(wabaId);
	if (!waba || waba.businessId !== line.businessId || !waba.client) {
		throw graphError(
			400,
			100,
			`(#100) The WhatsApp Business Account ${wabaId} is not shared with the business of this credit line`,
		);
	}
	const readable = readableWaba(waba);
	if (readable.primaryFundingId) {
		throw graphError(
			400,
			100,
			'(#100) A credit line is already attached to this WhatsApp Business Account and cannot be changed',
		);
	}
	const owner = ownerOf(readable);
	let allocation = [...state.creditAllocations.values()].find(
		(a) =>
			a.creditLineId === line.id &&
			a.receivingBusiness.id === owner.id &&
			a.request_status === 'ACTIVE',
	);
	if (!allocation) {
		allocation = {
			id: state.newId(),
			creditLineId: line.id,
			receivingBusiness: owner,
			receivingCredentialId: state.newId(),
			request_status: 'ACTIVE',
		};
		state.creditAllocations.set(allocation.id, allocation);
	}
	readable.primaryFundingId = allocation.receivingCredentialId;
	readable.currency = readable.currency ?? currency;
	return { allocation_config_id: allocation.id, waba_id: waba.id };
}

/** DELETE /{allocation-config}: Meta revokes it for every WABA of the client's business. */
function revoke(state: SimulatorState, allocation: CreditAllocation) {
	allocation.request_status = 'DELETED';
	for (const waba of state.wabas.values() as Iterable<Waba>) {
		if (waba.primaryFundingId === allocation.receivingCredentialId)
			waba.primaryFundingId = undefined;
	}
	return { success: true };
}

/** Gives a business a credit line, as Meta's Business Suite shows it; returns its ID. */
export function seedCreditLine(
	state: SimulatorState,
	businessId: string,
	legalEntityName: string,
	id = state.newId(),
): string {
	state.creditLines.set(id, { id, businessId, legal_entity_name: legalEntityName });
	return id;
}

export function routeCreditLines(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url } = route;
	const fields = url.searchParams.get('fields');
	if (edge === 'extendedcredits' && state.businessIds.includes(target) && method === 'GET') {
		requireRole(state);
		const lines = [...state.creditLines.values()].filter((l) => l.businessId === target);
		return page(state.baseUrl, lines, url, (l) =>
			pickFields({ ...l, businessId: undefined }, fields, ['id']),
		);
	}
	const line = state.creditLines.get(target);
	if (line) {
		requireRole(state);
		if (edge === 'whatsapp_credit_sharing_and_attach' && method === 'POST') {
			return shareAndAttach(state, line, url);
		}
		if (edge === 'owning_credit_allocation_configs' && method === 'GET') {
			const business = url.searchParams.get('receiving_business_id');
			const sharings = [...state.creditAllocations.values()].filter(
				(a) =>
					a.creditLineId === line.id &&
					a.request_status === 'ACTIVE' &&
					(!business || a.receivingBusiness.id === business),
			);
			return page(state.baseUrl, sharings, url, (a) => allocationView(a, fields));
		}
		if (!edge && method === 'GET') {
			return pickFields({ id: line.id, legal_entity_name: line.legal_entity_name }, fields, ['id']);
		}
		return NOT_MINE;
	}
	const allocation = state.creditAllocations.get(target);
	if (allocation && !edge) {
		requireRole(state);
		if (method === 'GET') return allocationView(allocation, fields);
		if (method === 'DELETE') return revoke(state, allocation);
	}
	return NOT_MINE;
}
