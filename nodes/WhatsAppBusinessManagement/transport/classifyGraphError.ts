import type { ErrorCategory } from '../helpers/errors';
import type { GraphErrorFields } from './GraphApiError';

// Graph error codes, from Meta's error reference and Business SDKs (see README, "Errors").
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80007, 80008]);
const TRANSIENT_CODES = new Set([1, 2]);
const AUTH_CODES = new Set([102, 190]);
const NOT_FOUND_CODES = new Set([803]);
// 368: temporarily blocked for policy violations; retrying makes it worse.
const PERMISSION_CODES = new Set([3, 10, 368]);
// "already registered with WhatsApp" answers an add; Register's "already registered or in an
// invalid state" is about the number's state, not a duplicate.
const ALREADY_ADDED = /already (been )?(added|exists?|registered with|in use)/i;

export interface Classification {
	category: ErrorCategory;
	retryable: boolean;
	/** What to do, when the code says more than its category. */
	hint?: string;
}

/**
 * Phone number registration codes from Meta's Cloud API error reference (the contract names
 * none of them), each with what a user does about it.
 */
const PHONE_NUMBER_CODES: Record<number, Required<Classification>> = {
	133000: {
		category: 'validation',
		retryable: false,
		hint: 'A previous deregistration did not finish: run Deregister again, then Register.',
	},
	133004: {
		category: 'transient',
		retryable: true,
		hint: "Meta's registration service is temporarily unavailable: run again later.",
	},
	133005: {
		category: 'validation',
		retryable: false,
		hint: "The PIN does not match the number's two-step verification PIN: use the PIN set for this number.",
	},
	133006: {
		category: 'validation',
		retryable: false,
		hint: 'Verify the number first (Request Verification Code, then Verify Code), then Register.',
	},
	133008: {
		category: 'rate_limit',
		retryable: false,
		hint: 'Too many wrong PINs for this number: wait before trying again (Meta locks it for hours).',
	},
	133009: {
		category: 'rate_limit',
		retryable: true,
		hint: 'PINs were sent too quickly: wait a moment, then try again.',
	},
	133010: {
		category: 'validation',
		retryable: false,
		hint: 'The number is not registered: run Register first.',
	},
	133015: {
		category: 'transient',
		retryable: false,
		hint: 'The number was deleted recently and the deletion is still running: wait 5 minutes, then run again.',
	},
	133016: {
		category: 'rate_limit',
		retryable: false,
		hint: 'Too many Register and Deregister calls for this number (Meta allows 10 in 72 hours): wait, then run again.',
	},
};

const RETRYABLE: Record<ErrorCategory, boolean> = {
	validation: false,
	auth: false,
	permission: false,
	not_found: false,
	duplicate: false,
	rate_limit: true,
	transient: true,
	server: true,
	network: true,
};

function of(category: ErrorCategory): Classification {
	return { category, retryable: RETRYABLE[category] };
}

/**
 * Classifies a Graph API failure by its Graph `code` first and HTTP status second: Meta sends
 * throttling as HTTP 400 and an expired token as 400 as often as 401.
 */
export function classifyGraphError(
	httpCode: number | null,
	graph: GraphErrorFields,
): Classification {
	const code = graph.code;
	if (code !== undefined) {
		if (PHONE_NUMBER_CODES[code]) return PHONE_NUMBER_CODES[code];
		if (RATE_LIMIT_CODES.has(code)) return of('rate_limit');
		if (AUTH_CODES.has(code)) return of('auth');
		if (PERMISSION_CODES.has(code) || (code >= 200 && code <= 299)) return of('permission');
		if (NOT_FOUND_CODES.has(code)) return of('not_found');
		if (TRANSIENT_CODES.has(code) || graph.is_transient === true) return of('transient');
		if (code === 100) {
			const text = `${graph.message ?? ''} ${graph.error_user_msg ?? ''}`;
			if (ALREADY_ADDED.test(text)) return of('duplicate');
			// 100/33: "Unsupported request - object does not exist".
			if (graph.error_subcode === 33 || httpCode === 404) return of('not_found');
			return of('validation');
		}
	}
	if (graph.is_transient === true) return of('transient');
	return classifyHttpStatus(httpCode);
}

export function classifyHttpStatus(httpCode: number | null): Classification {
	if (httpCode === null) return of('network');
	if (httpCode === 401) return of('auth');
	if (httpCode === 403) return of('permission');
	if (httpCode === 404) return of('not_found');
	if (httpCode === 409) return of('duplicate');
	if (httpCode === 429) return of('rate_limit');
	if (httpCode >= 500) return of('server');
	if (httpCode >= 400) return of('validation');
	return of('server');
}

const HINTS: Record<ErrorCategory, string> = {
	validation: 'Check the values sent.',
	auth: "Check the credential's Access Token: it is invalid, expired or revoked.",
	permission:
		'Give the token business_management and whatsapp_business_management permissions on this business.',
	not_found: 'Check the ID: it does not exist or the token cannot see it.',
	duplicate: 'The number is already in the business.',
	rate_limit: "Meta's rate limit was reached: wait, then run again with fewer items at once.",
	transient: 'Meta reported a temporary problem: run again later.',
	server: 'Meta answered with a server error: run again later.',
	network: 'Meta could not be reached: check the network or the Base URL.',
};

export function hintFor(category: ErrorCategory): string {
	return HINTS[category];
}
