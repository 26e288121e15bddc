import type { IDataObject } from 'n8n-workflow';

// Meta's quality ratings in the words its WhatsApp Manager uses.
const QUALITY: Record<string, string> = { GREEN: 'high', YELLOW: 'medium', RED: 'low' };

/**
 * A WABA phone number as Meta describes it, plus what a workflow filters on without reading
 * Meta's docs: whether it can message now, and its quality in plain words.
 */
export function withPlainStatus(number: IDataObject): IDataObject {
	return {
		...number,
		is_connected: number.status === 'CONNECTED',
		quality: QUALITY[String(number.quality_rating)] ?? 'unknown',
	};
}
