import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { withExpiry } from '../../helpers/graphTime';
import { normalizePhoneNumber } from '../../helpers/normalizePhoneNumber';
import { edges, graphApiRequestAllItems, MAX_PAGE_SIZE } from '../../transport';
import {
	businessIdField,
	defaultCountryField,
	optionsCollection,
	returnAllFields,
} from '../common.descriptions';
import type { Operation } from '../node.type';
import { readBusinessId, readLimit } from '../parameters';

const properties: INodeProperties[] = [
	businessIdField(
		"ID of the business portfolio that owns the pre-verified numbers (digits only). Leave empty to use the credential's Business ID.",
	),
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			defaultCountryField(
				'Country of a Phone Number filter written without a country code. Choose from the list, or specify an ISO 3166-1 alpha-2 code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			),
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+1 631 555 1000',
				description:
					"Only this number of the pool, in any format Add accepts; any number Meta could list is taken, Meta's test numbers (+1 555 …) too",
			},
			{
				displayName: 'Verification Status',
				name: 'verificationStatus',
				type: 'options',
				options: [
					{ name: 'Expired', value: 'EXPIRED' },
					{ name: 'Not Verified', value: 'NOT_VERIFIED' },
					{ name: 'Verified', value: 'VERIFIED' },
				],
				default: 'VERIFIED',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
			default: MAX_PAGE_SIZE,
			description: 'Numbers asked of Meta per request (at most 100)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['getMany'] } },
	properties,
);

interface ListRequest {
	businessId: string;
	limit: number;
	pageSize: number;
	filters: IDataObject;
}

/** Lists the business's pre-verified numbers, one output item each. */
export const getMany: Operation<ListRequest> = {
	description,

	prepare(context, itemIndex, options, run) {
		const businessId = readBusinessId(context, itemIndex, run.credentialBusinessId);
		const limit = readLimit(context, itemIndex);
		const pageSize = Math.min(
			MAX_PAGE_SIZE,
			Math.max(1, Math.floor(Number(options.pageSize ?? MAX_PAGE_SIZE))),
		);
		const given = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const filters: IDataObject = {};
		if (typeof given.verificationStatus === 'string' && given.verificationStatus) {
			filters.code_verification_status = given.verificationStatus;
		}
		if (given.phoneNumber !== undefined && given.phoneNumber !== '') {
			const country = typeof given.defaultCountry === 'string' ? given.defaultCountry : undefined;
			// A number of the business's pool: any number Meta could list passes to Meta.
			const result = normalizePhoneNumber(given.phoneNumber, country, 'existing');
			if (!result.ok) throw new InputError(`Phone Number filter: ${result.message}`);
			filters.phone_number = result.e164;
		}
		return { businessId, limit, pageSize, filters };
	},

	async run(context, connection, request) {
		const numbers = await graphApiRequestAllItems.call(
			context,
			connection,
			{
				method: 'GET',
				path: edges.preVerifiedNumbers(request.businessId),
				qs: { fields: edges.PRE_VERIFIED_NUMBER_FIELDS, ...request.filters },
			},
			{ limit: request.limit, pageSize: request.pageSize },
		);
		return numbers.map(withExpiry);
	},
};
