import type { ErrorCategory } from '../helpers/errors';
import type { GraphErrorFields } from './GraphApiError';

// Graph error codes, from Meta's error reference and Business SDKs (see README, "Errors").
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80007, 80008]);
const TRANSIENT_CODES = new Set([1, 2]);
const AUTH_CODES = new Set([102, 190]);
const NOT_FOUND_CODES = new Set([803]);
// 368: temporarily blocked for policy violations; retrying makes it worse.
const PERMISSION_CODES = new Set([3, 10, 368]);
const ALREADY_ADDED = /already (been )?(added|exists?|registered|in use)/i;

export interface Classification {
	category: ErrorCategory;
	retryable: boolean;
}

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
