import type { IExecuteFunctions } from 'n8n-workflow';

import { validationError } from './itemResults';
import { quoteInput } from './quoteInput';

const BUSINESS_ID = /^[0-9]+$/;

/** Reads and checks the Business ID of one item; it becomes a URL segment, so digits only. */
export function readBusinessId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('businessId', itemIndex, '') as unknown;
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || text.trim() === '') {
		throw validationError('Business ID is empty. Enter the business portfolio ID (digits only).');
	}
	const trimmed = text.trim();
	if (!BUSINESS_ID.test(trimmed)) {
		throw validationError(
			`Business ID ${quoteInput(trimmed)} is not valid: use only the digits 0-9, e.g. 1234567890123456.`,
		);
	}
	return trimmed;
}
