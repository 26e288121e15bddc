// A WABA's phone numbers by ID: get, PIN and display name, register and deregister with Meta's
// rules, request and verify code.
import { display, graphError, pickFields } from '../graph';
import { NOT_MINE, SIMULATOR_WABA_ID } from '../types';
import type { GraphRoute, SimulatorState, WabaPhoneNumber } from '../types';
import { completeMigration } from './migration';
import { requestCode } from './verificationCode';

const DAY_MS = 86_400_000;
const REGISTRATIONS_PER_72H = 10;
// Meta's data localization regions (the contract's WhatsAppDataLocalizationRegion).
const REGIONS = [
	'AE',
	'AU',
	'BH',
	'BR',
	'CA',
	'CH',
	'DE',
	'GB',
	'ID',
	'IN',
	'JP',
	'KR',
	'SG',
	'ZA',
];

export function phoneView(phone: WabaPhoneNumber, fields: string | null): Record<string, unknown> {
	const full: Record<string, unknown> = {
		id: phone.id,
		display_phone_number: display(`${phone.cc}${phone.national}`),
		verified_name: phone.verified_name,
		status: phone.status,
		quality_rating: phone.quality_rating,
		code_verification_status: phone.code_verification_status,
		name_status: phone.name_status,
		new_name_status: phone.new_display_name ? 'PENDING_REVIEW' : undefined,
		messaging_limit_tier: phone.messaging_limit_tier,
		whatsapp_business_manager_messaging_limit:
			phone.whatsapp_business_manager_messaging_limit ?? phone.messaging_limit_tier,
		platform_type: phone.platform_type,
		account_mode: 'LIVE',
		is_official_business_account: false,
		is_pin_enabled: phone.pin !== undefined,
		country_dial_code: phone.cc,
	};
	return pickFields(full, fields, [
		'id',
		'display_phone_number',
		'verified_name',
		'quality_rating',
	]);
}

/** Puts a registered (CONNECTED) number straight into a WABA, as if claimed and registered earlier. */
export function seedConnectedNumber(
	state: SimulatorState,
	id: string,
	national: string,
	extra: Partial<WabaPhoneNumber> = {},
): WabaPhoneNumber {
	const phone: WabaPhoneNumber = {
		id,
		wabaId: SIMULATOR_WABA_ID,
		cc: '1',
		national,
		verified_name: 'Shop',
		status: 'CONNECTED',
		code_verification_status: 'VERIFIED',
		quality_rating: 'GREEN',
		messaging_limit_tier: 'TIER_250',
		name_status: 'APPROVED',
		platform_type: 'CLOUD_API',
		registrations: [],
		...extra,
	};
	state.phoneNumbers.set(id, phone);
	return phone;
}

/** Meta allows 10 register and deregister calls per number in 72 hours. */
function countRegistration(state: SimulatorState, phone: WabaPhoneNumber): void {
	const now = state.now();
	phone.registrations = phone.registrations.filter((t) => now - t < 3 * DAY_MS);
	if (phone.registrations.length >= REGISTRATIONS_PER_72H) {
		throw graphError(400, 133016, 'Account register deregister rate limit exceeded');
	}
	phone.registrations.push(now);
}

/** POST /{Phone-Number-ID} with pin or new_display_name. */
function update(phone: WabaPhoneNumber, body: Record<string, unknown>) {
	if (body.pin !== undefined) {
		if (!/^[0-9]{6}$/.test(String(body.pin))) {
			throw graphError(400, 100, 'Invalid parameter: pin must be 6 digits');
		}
		phone.pin = String(body.pin);
		return { success: true };
	}
	if (body.new_display_name !== undefined) {
		const name = String(body.new_display_name);
		if (name.length < 2 || name.length > 75) {
			throw graphError(400, 100, 'Invalid parameter: new_display_name must be 2 to 75 characters');
		}
		phone.new_display_name = name;
		phone.name_status = 'PENDING_REVIEW';
		return { success: true };
	}
	throw graphError(400, 100, 'Invalid parameter: nothing to update');
}

function register(state: SimulatorState, phone: WabaPhoneNumber, body: Record<string, unknown>) {
	countRegistration(state, phone);
	if (body.messaging_product !== 'whatsapp' || !/^[0-9]{6}$/.test(String(body.pin ?? ''))) {
		throw graphError(
			400,
			100,
			'Invalid parameter: messaging_product whatsapp and a 6-digit pin are required',
		);
	}
	const region = body.data_localization_region;
	if (region !== undefined && !REGIONS.includes(String(region))) {
		throw graphError(400, 100, 'Invalid parameter: data_localization_region');
	}
	if (phone.code_verification_status !== 'VERIFIED') {
		throw graphError(400, 133006, 'Phone number needs to be verified before registering');
	}
	if (phone.pin !== undefined && phone.pin !== body.pin) {
		throw graphError(400, 133005, 'Two step verification PIN Mismatch');
	}
	phone.pin = String(body.pin);
	phone.status = 'CONNECTED';
	phone.platform_type = 'CLOUD_API';
	phone.quality_rating = phone.quality_rating === 'UNKNOWN' ? 'GREEN' : phone.quality_rating;
	if (region !== undefined) phone.data_localization_region = String(region);
	completeMigration(state, phone);
	return { success: true };
}

function deregister(state: SimulatorState, phone: WabaPhoneNumber) {
	countRegistration(state, phone);
	if (phone.status !== 'CONNECTED') {
		throw graphError(400, 133010, 'Phone number not registered on the WhatsApp Business Platform');
	}
	phone.status = 'DISCONNECTED';
	phone.platform_type = 'NOT_APPLICABLE';
	return { success: true };
}

/** One WABA phone number by its ID. */
export function routePhoneNumber(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const phone = state.phoneNumbers.get(target);
	if (!phone) return NOT_MINE;
	if (!edge && method === 'GET') return phoneView(phone, url.searchParams.get('fields'));
	if (!edge && method === 'POST') return update(phone, body);
	if (edge === 'register' && method === 'POST') return register(state, phone, body);
	if (edge === 'deregister' && method === 'POST') return deregister(state, phone);
	if (edge === 'request_code' && method === 'POST') {
		return requestCode(phone, state.now(), url, body);
	}
	if (edge === 'verify_code' && method === 'POST') {
		const code = String(body.code ?? '');
		if (!phone.pendingCode || code !== phone.pendingCode) {
			throw graphError(400, 100, 'The verification code is incorrect');
		}
		phone.code_verification_status = 'VERIFIED';
		phone.pendingCode = undefined;
		return { success: true, id: phone.id };
	}
	throw graphError(400, 100, `Unsupported ${method} request on ${edge ?? 'phone number'}`);
}
