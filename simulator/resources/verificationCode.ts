// Meta's six-digit codes by SMS or voice: pre-verified numbers and WABA numbers alike.
import { randomInt } from 'crypto';

import { graphError } from '../graph';

const CODE_VALID_MS = 10 * 60_000;

/** POST /{id}/request_code: "sends" a code, kept on the number for GET /__simulator/codes/{id}. */
export function requestCode(
	number: { pendingCode?: string; pendingCodeExpires?: number },
	now: number,
	url: URL,
	body: Record<string, unknown>,
) {
	const method = String(body.code_method ?? url.searchParams.get('code_method') ?? '');
	if (!['SMS', 'VOICE'].includes(method)) {
		throw graphError(400, 100, 'Param code_method must be one of {SMS, VOICE}');
	}
	const language = String(body.language ?? url.searchParams.get('language') ?? 'en_US');
	if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) {
		throw graphError(400, 100, `Invalid language "${language.slice(0, 20)}"`);
	}
	number.pendingCode = String(randomInt(100000, 1000000));
	number.pendingCodeExpires = now + CODE_VALID_MS;
	return { success: true };
}
