import type { IDataObject } from 'n8n-workflow';

import { parseGraphTime } from './graphTime';
import { healthSignature } from './healthStatus';
import { digitsOf } from './phoneNumberText';

const DAY_MS = 86_400_000;

export type PoolEvent =
	'added' | 'verified' | 'verificationExpiring' | 'verificationLost' | 'leftPool';
export type PhoneNumberEvent =
	| 'statusChanged'
	| 'qualityChanged'
	| 'messagingLimitChanged'
	| 'nameStatusChanged'
	| 'healthStatusChanged';
/** Not about a number: the watched WABA's own review by Meta, and its message templates. */
export type WabaEvent =
	| 'accountReviewStatusChanged'
	| 'templateStatusChanged'
	| 'templateQualityChanged'
	| 'templateCategoryChanged';

/**
 * What is kept between polls, one short string per number so that a pool of 10,000 stays a few
 * hundred KB of the workflow's static data: the fields events compare, comma-separated.
 */
export type Seen = Record<string, string>;

export interface Change {
	event: PoolEvent | PhoneNumberEvent | WabaEvent;
	id: string;
	phone_number: string | null;
	previous: string | null;
	current: string | null;
	/** When the change happened, if Meta says (a verification time); for sorting. */
	at: number | null;
	/** The number as Meta describes it now (empty once it left). */
	fields: IDataObject;
}

export interface Diff {
	changes: Change[];
	seen: Seen;
}

/** A pre-verified number's status, with VERIFIED past its expiry read as EXPIRED. */
function poolStatus(number: IDataObject, now: number): string {
	const status = String(number.code_verification_status ?? number.verification_status ?? '');
	const expiry = parseGraphTime(number.verification_expiry_time);
	return status === 'VERIFIED' && expiry !== null && expiry <= now ? 'EXPIRED' : status;
}

/**
 * Compares a pool's numbers with what the last poll saw. `seen` entries are
 * "status,expiry ms,expiry already announced,digits". Verification Expiring fires once per
 * verification period: the expiry it announced is kept, and a new expiry (re-verified) may fire
 * again.
 */
export function diffPool(
	previous: Seen | undefined,
	numbers: IDataObject[],
	options: { now: number; expiringWithinDays: number },
): Diff {
	const seen: Seen = {};
	const changes: Change[] = [];
	const before = previous ?? {};
	const window = options.expiringWithinDays * DAY_MS;
	for (const number of numbers) {
		const id = String(number.id);
		const status = poolStatus(number, options.now);
		const expiry = parseGraphTime(number.verification_expiry_time);
		const [oldStatus, , announced = ''] = before[id]?.split(',') ?? [];
		const known = before[id] !== undefined;
		const phone = String(number.phone_number ?? '');
		const change = (event: PoolEvent, from: string | null, at: number | null = null) =>
			changes.push({
				event,
				id,
				phone_number: phone || null,
				previous: from,
				current: status,
				at,
				fields: number,
			});
		if (!known) change('added', null);
		if (status === 'VERIFIED' && oldStatus !== 'VERIFIED') {
			change('verified', known ? oldStatus : null, parseGraphTime(number.code_verification_time));
		}
		if (known && oldStatus === 'VERIFIED' && (status === 'NOT_VERIFIED' || status === 'EXPIRED')) {
			change('verificationLost', oldStatus);
		}
		let announcedExpiry = status === 'VERIFIED' ? announced : '';
		const expiring = status === 'VERIFIED' && expiry !== null && expiry - options.now <= window;
		if (expiring && announced !== String(expiry)) {
			change('verificationExpiring', known ? oldStatus : null, expiry);
			announcedExpiry = String(expiry);
		}
		seen[id] = [status, expiry ?? '', announcedExpiry, digitsOf(phone)].join(',');
	}
	for (const [id, entry] of Object.entries(before)) {
		if (seen[id] !== undefined) continue;
		const [oldStatus, , , oldDigits] = entry.split(',');
		changes.push({
			event: 'leftPool',
			id,
			phone_number: oldDigits ? `+${oldDigits}` : null,
			previous: oldStatus,
			current: null,
			at: null,
			fields: {},
		});
	}
	return { changes, seen };
}

/** The fields of a WABA number that Phone Number events watch, in the order kept in `seen`. */
const WATCHED: Array<[PhoneNumberEvent, string]> = [
	['statusChanged', 'status'],
	['qualityChanged', 'quality_rating'],
	// The portfolio's limit: Meta no longer updates the deprecated messaging_limit_tier.
	['messagingLimitChanged', 'whatsapp_business_manager_messaging_limit'],
	['nameStatusChanged', 'name_status'],
];

/**
 * Compares a WABA's numbers with what the last poll saw: one change per watched field, and
 * Health Status Changed when the number's health_status (read only when that event is ticked)
 * changed overall or for any entity of its chain. A health never seen before (an older trigger's
 * state, or the event just ticked) is a baseline, not a change.
 */
export function diffPhoneNumbers(previous: Seen | undefined, numbers: IDataObject[]): Diff {
	const seen: Seen = {};
	const changes: Change[] = [];
	for (const number of numbers) {
		const id = String(number.id);
		const values = WATCHED.map(([, field]) => String(number[field] ?? ''));
		const health = healthSignature(number.health_status);
		seen[id] = [...values, health].join(',');
		const old = previous?.[id]?.split(',');
		if (!old) continue;
		const change = (event: PhoneNumberEvent, from: string, to: string) =>
			changes.push({
				event,
				id,
				phone_number:
					typeof number.display_phone_number === 'string' ? number.display_phone_number : null,
				previous: from || null,
				current: to || null,
				at: null,
				fields: number,
			});
		WATCHED.forEach(([event], index) => {
			if (old[index] !== values[index]) change(event, old[index], values[index]);
		});
		const oldHealth = old[WATCHED.length] ?? '';
		if (oldHealth !== '' && health !== '' && oldHealth !== health) {
			change('healthStatusChanged', oldHealth.split('/')[0], health.split('/')[0]);
		}
	}
	return { changes, seen };
}

/** Oldest first: changes Meta dates by their time, the rest in the order they were found. */
export function oldestFirst(changes: Change[]): Change[] {
	return changes
		.map((change, index) => ({ change, index }))
		.sort((a, b) => (a.change.at ?? Infinity) - (b.change.at ?? Infinity) || a.index - b.index)
		.map(({ change }) => change);
}

/**
 * The WABA's account_review_status against the last poll's: a change, or none. At the baseline
 * (no earlier status) the current status counts as a change from null, for Emit Existing.
 */
export function diffReviewStatus(previous: string | undefined, waba: IDataObject): Change[] {
	const current =
		typeof waba.account_review_status === 'string' ? waba.account_review_status : null;
	if (current === null || current === previous) return [];
	return [
		{
			event: 'accountReviewStatusChanged',
			id: String(waba.id),
			phone_number: null,
			previous: previous ?? null,
			current,
			at: null,
			fields: waba,
		},
	];
}

/** The fields of a template that its events watch, in the order kept in `seen`. */
const TEMPLATE_WATCHED: Array<[WabaEvent, (template: IDataObject) => string]> = [
	['templateStatusChanged', (t) => String(t.status ?? '')],
	// No score yet is Meta's UNKNOWN: a template approved without one has not changed quality.
	['templateQualityChanged', (t) => String((t.quality_score as IDataObject)?.score ?? 'UNKNOWN')],
	['templateCategoryChanged', (t) => String(t.category ?? '')],
];

/**
 * Compares a WABA's templates with what the last poll saw: one change per watched field. A
 * template new since then is a status change from nothing (created or copied: PENDING). A
 * template gone (deleted) is no event. No earlier state (the events just ticked) is a baseline.
 */
export function diffTemplates(previous: Seen | undefined, templates: IDataObject[]): Diff {
	const seen: Seen = {};
	const changes: Change[] = [];
	for (const template of templates) {
		const id = String(template.id);
		const values = TEMPLATE_WATCHED.map(([, read]) => read(template));
		seen[id] = values.join(',');
		if (!previous) continue;
		const old = previous[id]?.split(',');
		TEMPLATE_WATCHED.forEach(([event], index) => {
			const from = old ? old[index] : null;
			if (from === values[index] || (!old && index > 0)) return;
			changes.push({
				event,
				id,
				phone_number: null,
				previous: from || null,
				current: values[index] || null,
				at: null,
				fields: template,
			});
		});
	}
	return { changes, seen };
}
