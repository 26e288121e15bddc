// A WABA by its ID: Get with Meta's account fields, and the apps subscribed to its webhooks
// (subscribe, list, unsubscribe). The token's app is SIMULATOR_APP.
import { graphError, pickFields } from '../graph';
import { NOT_MINE, SIMULATOR_APP } from '../types';
import type { GraphRoute, SimulatorState, Waba } from '../types';

/** The client's business that owns a client WABA: the one a test set, or one made up from its ID. */
export function ownerOf(waba: Waba): { id: string; name: string } {
	return (
		waba.ownerBusiness ??
		(waba.client
			? { id: `4${waba.id.slice(1)}`, name: `${waba.name} (client)` }
			: { id: waba.businessId, name: 'Partner business' })
	);
}

/**
 * The WABA, unless Meta refuses it (a test's refusal), or its client removed the partner: then
 * Meta answers as for an object the token may not see, and its owner can no longer be read.
 */
export function readableWaba(waba: Waba): Waba {
	if (waba.refusal) {
		throw graphError(waba.refusal.status, waba.refusal.code, waba.refusal.message);
	}
	if (waba.partnerRemoved) {
		throw graphError(
			400,
			100,
			`Unsupported get request. Object with ID '${waba.id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
			{ error_subcode: 33 },
		);
	}
	return waba;
}

export function wabaView(waba: Waba, fields: string | null): Record<string, unknown> {
	const full: Record<string, unknown> = {
		id: waba.id,
		name: waba.name,
		currency: waba.currency ?? 'USD',
		timezone_id: '1',
		message_template_namespace: `sim_${waba.id.slice(-8)}`,
		account_review_status: waba.account_review_status ?? 'APPROVED',
		business_verification_status: waba.business_verification_status ?? 'VERIFIED',
		ownership_type: waba.client ? 'CLIENT_OWNED' : 'SELF_OWNED',
		country: 'US',
		primary_funding_id: waba.primaryFundingId,
		owner_business_info: ownerOf(waba),
	};
	return pickFields(full, fields, ['id', 'name']);
}

function subscribe(waba: Waba, body: Record<string, unknown>) {
	const uri = body.override_callback_uri;
	if (uri !== undefined) {
		if (typeof uri !== 'string' || !uri.startsWith('https://')) {
			throw graphError(400, 100, 'Invalid parameter: override_callback_uri must be an https URL');
		}
		if (typeof body.verify_token !== 'string' || body.verify_token === '') {
			throw graphError(
				400,
				100,
				'Invalid parameter: verify_token is required with override_callback_uri',
			);
		}
	}
	const apps = (waba.subscribedApps ?? []).filter((app) => app.id !== SIMULATOR_APP.id);
	apps.push({ ...SIMULATOR_APP, ...(uri ? { override_callback_uri: String(uri) } : {}) });
	waba.subscribedApps = apps;
	return { success: true };
}

/** GET /{WABA-ID}, and GET, POST, DELETE /{WABA-ID}/subscribed_apps. */
export function routeWabaAccount(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const waba = state.wabas.get(target);
	if (!waba) return NOT_MINE;
	if (!edge && method === 'GET')
		return wabaView(readableWaba(waba), url.searchParams.get('fields'));
	if (edge !== 'subscribed_apps') return NOT_MINE;
	if (method === 'POST') return subscribe(waba, body);
	if (method === 'GET') {
		// Meta nests each app as whatsapp_business_api_data; the node reads both shapes.
		return {
			data: (waba.subscribedApps ?? []).map((app) => ({
				whatsapp_business_api_data: { id: app.id, name: app.name, link: 'https://example.com/app' },
				...(app.override_callback_uri ? { override_callback_uri: app.override_callback_uri } : {}),
			})),
		};
	}
	if (method === 'DELETE') {
		waba.subscribedApps = (waba.subscribedApps ?? []).filter((app) => app.id !== SIMULATOR_APP.id);
		return { success: true };
	}
	return NOT_MINE;
}
