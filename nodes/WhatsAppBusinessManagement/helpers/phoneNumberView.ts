import type { IDataObject } from 'n8n-workflow';

// Meta's quality ratings in the words its WhatsApp Manager uses.
const QUALITY: Record<string, string> = { GREEN: 'high', YELLOW: 'medium', RED: 'low' };

/**
 * The business portfolio's messaging limit (unique users per 24 hours), as Meta's "Messaging
 * limits" page names them since 2025-10-07: 250, 2K, 10K, 100K, unlimited. Every number of a
 * portfolio shares it; Meta answers it as `whatsapp_business_manager_messaging_limit`.
 */
export const MESSAGING_LIMITS: Record<string, string> = {
	TIER_250: '250',
	TIER_2K: '2K',
	TIER_10K: '10K',
	TIER_100K: '100K',
	TIER_UNLIMITED: 'unlimited',
};

/**
 * A WABA phone number as Meta describes it, plus what a workflow filters on without reading
 * Meta's docs: whether it can message now, its quality in plain words, and its portfolio's
 * messaging limit (null when Meta gave none).
 */
export function withPlainStatus(number: IDataObject): IDataObject {
	const limit = number.whatsapp_business_manager_messaging_limit;
	return {
		...number,
		is_connected: number.status === 'CONNECTED',
		quality: QUALITY[String(number.quality_rating)] ?? 'unknown',
		messaging_limit:
			typeof limit === 'string' ? (MESSAGING_LIMITS[limit] ?? limit.replace(/^TIER_/, '')) : null,
	};
}
