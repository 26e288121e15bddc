// Messaging health (Meta's page "Messaging and Calling Health Status"): GET /{ID}?fields=
// health_status on a phone number or a WABA answers the chain a message passes, the number (when
// asked of one), then the WABA, the business and the app, each AVAILABLE unless a control call
// set it; the overall value is the worst of them.
import { NOT_MINE, SIMULATOR_APP } from '../types';
import type { EntityHealth, GraphRoute, SimulatorState, WabaPhoneNumber } from '../types';
import { phoneView } from './phoneNumbers';
import { templateView } from './templates';
import { wabaView } from './subscribedApps';

type EntityType = 'PHONE_NUMBER' | 'MESSAGE_TEMPLATE' | 'WABA' | 'BUSINESS' | 'APP';

/** What Meta says of a blocked entity when a test sets BLOCKED without its own errors. */
export const BLOCKED_ERRORS: Record<EntityType, NonNullable<EntityHealth['errors']>> = {
	PHONE_NUMBER: [
		{
			error_code: 141000,
			error_description: 'The phone number has been restricted for violating WhatsApp policies.',
			possible_solution: 'Review the policy violation in WhatsApp Manager and request a review.',
		},
	],
	MESSAGE_TEMPLATE: [
		{
			error_code: 132015,
			error_description: 'The template is paused because of low quality.',
			possible_solution: 'Edit the template to improve its quality, or wait for the pause to end.',
		},
	],
	WABA: [
		{
			error_code: 141006,
			error_description:
				'There is an error with the payment method. This blocks business-initiated messages.',
			possible_solution: 'Add a valid payment method to the WhatsApp Business Account.',
		},
	],
	BUSINESS: [
		{
			error_code: 141010,
			error_description: 'The business has not passed business verification.',
			possible_solution: 'Start or resubmit business verification in Business Settings.',
		},
	],
	APP: [
		{
			error_code: 141011,
			error_description: 'The app is not in live mode.',
			possible_solution: 'Switch the app to live mode in the App Dashboard.',
		},
	],
};

const RANK = { AVAILABLE: 0, LIMITED: 1, BLOCKED: 2 } as const;

function healthStatus(state: SimulatorState, chain: Array<[EntityType, string]>) {
	const entities = chain.map(([entity_type, id]) => {
		const health = state.health.get(id) ?? { can_send_message: 'AVAILABLE' as const };
		const errors =
			health.can_send_message === 'BLOCKED' ? (health.errors ?? BLOCKED_ERRORS[entity_type]) : [];
		return {
			entity_type,
			id,
			can_send_message: health.can_send_message,
			...(errors.length > 0 ? { errors } : {}),
			...(health.can_send_message === 'LIMITED'
				? { additional_info: health.additional_info ?? ['Messaging is limited for this entity.'] }
				: {}),
		};
	});
	const worst = entities.reduce((w, e) => Math.max(w, RANK[e.can_send_message]), 0);
	const overall = (Object.keys(RANK) as Array<keyof typeof RANK>).find((k) => RANK[k] === worst);
	return { can_send_message: overall, entities };
}

function wabaChain(state: SimulatorState, wabaId: string): Array<[EntityType, string]> {
	const businessId = state.wabas.get(wabaId)?.businessId ?? '';
	return [
		['WABA', wabaId],
		['BUSINESS', businessId],
		['APP', SIMULATOR_APP.id],
	];
}

/** A phone number's health_status: the number, then its WABA's chain. */
export function phoneHealth(state: SimulatorState, phone: WabaPhoneNumber) {
	return healthStatus(state, [['PHONE_NUMBER', phone.id], ...wabaChain(state, phone.wabaId)]);
}

const asksHealth = (fields: string | null) =>
	fields !== null && fields.split(',').some((f) => f.trim() === 'health_status');

/** A view of a number with health_status added when the fields ask for it (lists too). */
export function phoneViewWithHealth(
	state: SimulatorState,
	phone: WabaPhoneNumber,
	fields: string | null,
): Record<string, unknown> {
	const view = phoneView(phone, fields);
	return asksHealth(fields) ? { ...view, health_status: phoneHealth(state, phone) } : view;
}

/** GET /{Phone-Number-ID or WABA-ID}?fields=…health_status… */
export function routeHealthStatus(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url } = route;
	const fields = url.searchParams.get('fields');
	if (method !== 'GET' || edge || !asksHealth(fields)) return NOT_MINE;
	const phone = state.phoneNumbers.get(target);
	if (phone) return phoneViewWithHealth(state, phone, fields);
	const template = state.templates.get(target);
	if (template) {
		return {
			...templateView(template, fields),
			health_status: healthStatus(state, [
				['MESSAGE_TEMPLATE', template.id],
				...wabaChain(state, template.wabaId),
			]),
		};
	}
	const waba = state.wabas.get(target);
	if (!waba) return NOT_MINE;
	return {
		...wabaView(waba, fields),
		health_status: healthStatus(state, wabaChain(state, waba.id)),
	};
}
