import type { IDataObject } from 'n8n-workflow';

const DAY_MS = 86_400_000;

/**
 * A Graph time as ms since the epoch. Meta sends ISO strings ("2023-04-14T22:12:31+0000") on
 * some paths and Unix seconds (number or digits) on others.
 */
export function parseGraphTime(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// "+0000" is not an offset every Date parser accepts; "+00:00" is.
	const parsed = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	return Number.isNaN(parsed) ? null : parsed;
}

/** Whole days until `expiry` (negative once past), or null without a usable time. */
export function expiresInDays(expiry: unknown, now = Date.now()): number | null {
	const at = parseGraphTime(expiry);
	return at === null ? null : Math.floor((at - now) / DAY_MS);
}

/** A number as Meta describes it, with `expires_in_days` computed from its expiry time. */
export function withExpiry(number: IDataObject): IDataObject {
	return { ...number, expires_in_days: expiresInDays(number.verification_expiry_time) };
}
