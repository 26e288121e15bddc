import type { IDataObject } from 'n8n-workflow';

// Meta's business verticals (the contract's WhatsAppBusinessVertical), with the names Meta's
// WhatsApp Manager shows.
export const VERTICALS: Array<[string, string]> = [
	['Alcoholic Beverages', 'ALCOHOL'],
	['Apparel', 'APPAREL'],
	['Automotive', 'AUTO'],
	['Beauty, Spa and Salon', 'BEAUTY'],
	['Education', 'EDU'],
	['Entertainment', 'ENTERTAIN'],
	['Event Planning and Service', 'EVENT_PLAN'],
	['Finance and Banking', 'FINANCE'],
	['Food and Grocery', 'GROCERY'],
	['Hotel and Lodging', 'HOTEL'],
	['Medical and Health', 'HEALTH'],
	['Non-Profit', 'NONPROFIT'],
	['Online Gambling and Gaming', 'ONLINE_GAMBLING'],
	['Other', 'OTHER'],
	['Over-the-Counter Drugs', 'OTC_DRUGS'],
	['Physical Gambling', 'PHYSICAL_GAMBLING'],
	['Professional Services', 'PROF_SERVICES'],
	['Public Service', 'GOVT'],
	['Restaurant', 'RESTAURANT'],
	['Shopping and Retail', 'RETAIL'],
	['Travel and Transportation', 'TRAVEL'],
];

/**
 * Get Business Profile's answer as one object. The contract nests the profile as
 * `data[0].business_profile`, Meta's API answers `data[0]` itself: both read the same.
 */
export function readBusinessProfile(answer: IDataObject): IDataObject {
	const first = Array.isArray(answer.data)
		? (answer.data[0] as IDataObject | undefined)
		: undefined;
	const profile = (first?.business_profile as IDataObject | undefined) ?? first ?? {};
	const fields = { ...profile };
	delete fields.messaging_product;
	return fields;
}
