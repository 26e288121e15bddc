import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { businessIdField, idLocatorField, optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readBusinessId, readPreVerifiedNumberId } from '../parameters';

/** The fields of Share with Partner and Stop Sharing: owner, number, partner. */
const sharingFields: INodeProperties[] = [
	businessIdField(
		'ID of the business portfolio that owns the pre-verified number (digits only); "From List" shows its numbers. Leave empty to use the credential\'s Business ID.',
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
	optionsCollection(),
];

interface Sharing {
	businessId: string;
	id: string;
	partnerBusinessId: string;
}

/**
 * Share with Partner (POST) and Stop Sharing (DELETE) on the same edge with the same two IDs:
 * Meta's guide documents both; its OpenAPI contract lists only POST.
 */
export function sharingOperation(operation: 'share' | 'stopSharing'): Operation<Sharing> {
	const sharing = operation === 'share';
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['preVerifiedNumber'], operation: [operation] } },
			sharingFields,
		),

		prepare(context, itemIndex, _options, run) {
			const businessId = readBusinessId(context, itemIndex, run.credentialBusinessId);
			const id = readPreVerifiedNumberId(context, itemIndex);
			const raw = context.getNodeParameter('partnerBusinessId', itemIndex, '') as unknown;
			const partnerBusinessId = String(raw ?? '').trim();
			if (!/^[0-9]+$/.test(partnerBusinessId)) {
				throw new InputError(
					`Partner Business ID ${quoteInput(partnerBusinessId)} is not valid: use only the digits 0-9, e.g. 9876543210987654.`,
				);
			}
			return { businessId, id, partnerBusinessId };
		},

		async run(context, connection, { businessId, id, partnerBusinessId }) {
			const ids = { preverified_id: id, partner_business_id: partnerBusinessId };
			const answer = await graphApiRequest.call(context, connection, {
				method: sharing ? 'POST' : 'DELETE',
				path: edges.sharePreVerifiedNumbers(businessId),
				...(sharing ? { body: ids } : { qs: ids }),
			});
			const success = answer.success === true;
			return {
				id,
				partner_business_id: partnerBusinessId,
				shared: sharing ? success : !success,
				success,
			};
		},
	};
}
