import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { businessIdField, idLocatorField } from '../common.descriptions';
import { readBusinessId, readPreVerifiedNumberId } from '../parameters';

/** The fields of Share with Partner and Stop Sharing: owner, number, partner. */
export const sharingFields: INodeProperties[] = [
	businessIdField(
		true,
		'ID of the business portfolio that owns the pre-verified number (digits only); "From List" shows its numbers',
	),
	idLocatorField({
		displayName: 'Pre-Verified Number',
		name: 'preVerifiedNumberId',
		description: 'The pre-verified phone number to share',
		searchListMethod: 'searchPreVerifiedNumbers',
	}),
	{
		displayName: 'Partner Business ID',
		name: 'partnerBusinessId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '9876543210987654',
		description: 'ID of the partner business portfolio (digits only)',
	},
];

export interface Sharing {
	businessId: string;
	id: string;
	partnerBusinessId: string;
}

export function readSharing(context: IExecuteFunctions, itemIndex: number): Sharing {
	const businessId = readBusinessId(context, itemIndex);
	const id = readPreVerifiedNumberId(context, itemIndex);
	const raw = context.getNodeParameter('partnerBusinessId', itemIndex, '') as unknown;
	const partnerBusinessId = String(raw ?? '').trim();
	if (!/^[0-9]+$/.test(partnerBusinessId)) {
		throw new InputError(
			`Partner Business ID ${quoteInput(partnerBusinessId)} is not valid: use only the digits 0-9, e.g. 9876543210987654.`,
		);
	}
	return { businessId, id, partnerBusinessId };
}
