// A number brought from another provider (Meta's "Migrating a business phone number from one
// Solution Partner to another programmatically", Nov 26, 2025): the destination WABA's owner adds
// it with migrate_phone_number: true; it keeps its display name, quality rating and messaging
// limit, is verified by code and registered again; until then the source keeps it. Meta's pages
// name the requirements (two-step verification off, the business verified, the destination WABA
// approved); the texts of the refusals here are the simulator's, in Graph's style.
import { graphError } from '../graph';
import type { SimulatorState, Waba, WabaPhoneNumber } from '../types';

/** The number, moved from its source WABA into `waba`; the source stays until it is registered. */
export function migrateNumber(state: SimulatorState, waba: Waba, digits: string): WabaPhoneNumber {
	const source = [...state.phoneNumbers.values()].find(
		(p) => `${p.cc}${p.national}` === digits && p.wabaId !== waba.id,
	);
	if (!source) {
		throw graphError(
			400,
			100,
			'(#100) The phone number is not registered with another WhatsApp Business Account, so it cannot be migrated',
		);
	}
	if (source.pin !== undefined) {
		throw graphError(
			400,
			100,
			'(#100) Two-step verification is enabled for this phone number: it must be disabled before the number can be migrated',
		);
	}
	if (waba.business_verification_status === 'NOT_VERIFIED') {
		throw graphError(
			400,
			100,
			'(#100) The business of the destination WhatsApp Business Account is not verified',
		);
	}
	if ((waba.account_review_status ?? 'APPROVED') !== 'APPROVED') {
		throw graphError(400, 100, '(#100) The destination WhatsApp Business Account is not approved');
	}
	const id = state.newId();
	const migrated: WabaPhoneNumber = {
		...source,
		id,
		wabaId: waba.id,
		status: 'PENDING',
		code_verification_status: 'NOT_VERIFIED',
		platform_type: 'NOT_APPLICABLE',
		pin: undefined,
		registrations: [],
		pendingCode: undefined,
		migratedFrom: source.id,
	};
	state.phoneNumbers.set(id, migrated);
	return migrated;
}

/** Once registered at the destination, the number leaves its source WABA. */
export function completeMigration(state: SimulatorState, phone: WabaPhoneNumber): void {
	if (phone.migratedFrom === undefined) return;
	state.phoneNumbers.delete(phone.migratedFrom);
	phone.migratedFrom = undefined;
}
