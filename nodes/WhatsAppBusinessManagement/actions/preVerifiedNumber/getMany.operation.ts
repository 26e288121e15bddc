import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import { validationError } from '../../helpers/itemResults';
import { normalizePhoneNumber } from '../../helpers/normalizePhoneNumber';
import { readBusinessId } from '../../helpers/readBusinessId';
import { graphApiRequest } from '../../transport';
import type { GraphConnection } from '../../transport';
import { readOptions } from '../common';
import {
	businessIdField,
	defaultCountryField,
	NUMBER_FIELDS,
	optionsField,
	withExpiry,
} from './fields';

const show = { show: { resource: ['preVerifiedNumber'], operation: ['getMany'] } };
const MAX_PAGE = 100;

export const description: INodeProperties[] = [
	businessIdField(['getMany'], true),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: show,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: show,
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
				description: 'Only this number, in any format Add accepts',
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
	optionsField(
		['getMany'],
		[
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_PAGE },
				default: MAX_PAGE,
				description: 'Numbers asked of Meta per request (at most 100)',
			},
		],
	),
];

interface ListRequest {
	businessId: string;
	returnAll: boolean;
	limit: number;
	pageSize: number;
	filters: IDataObject;
}

function readListRequest(this: IExecuteFunctions, itemIndex: number): ListRequest {
	const businessId = readBusinessId.call(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Number(this.getNodeParameter('limit', itemIndex, 50));
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw validationError('Limit must be a whole number of at least 1.');
	}
	const options = readOptions.call(this, itemIndex);
	const pageSize = Math.min(
		MAX_PAGE,
		Math.max(1, Math.floor(Number(options.pageSize ?? MAX_PAGE))),
	);
	const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: IDataObject = {};
	if (typeof given.verificationStatus === 'string' && given.verificationStatus) {
		filters.code_verification_status = given.verificationStatus;
	}
	if (given.phoneNumber !== undefined && given.phoneNumber !== '') {
		const country = typeof given.defaultCountry === 'string' ? given.defaultCountry : undefined;
		const result = normalizePhoneNumber(given.phoneNumber, country);
		if (!result.ok) throw validationError(`Phone Number filter: ${result.message}`);
		filters.phone_number = result.e164;
	}
	return { businessId, returnAll, limit, pageSize, filters };
}

/** Follows Meta's cursors until the limit, or the last page with Return All. */
async function listNumbers(
	this: IExecuteFunctions,
	connection: GraphConnection,
	request: ListRequest,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	let after: string | undefined;
	for (;;) {
		const wanted = Math.min(request.pageSize, request.limit - found.length);
		const { body } = await graphApiRequest.call(this, connection, {
			method: 'GET',
			path: [request.businessId, 'preverified_numbers'],
			qs: { fields: NUMBER_FIELDS, limit: wanted, ...request.filters, ...(after ? { after } : {}) },
		});
		const data = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
		found.push(...data.map(withExpiry));
		if (found.length >= request.limit) return found.slice(0, request.limit);
		const paging = (body.paging ?? {}) as { next?: unknown; cursors?: { after?: unknown } };
		const cursor = paging.cursors?.after;
		// The last page has no `next`; a repeated cursor would loop forever.
		if (!paging.next || typeof cursor !== 'string' || cursor === after || data.length === 0) {
			return found;
		}
		after = cursor;
	}
}

/** Lists the business's pre-verified numbers, one output item each. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(this, items, {
		prepare: (itemIndex) => prepareWith(() => readListRequest.call(this, itemIndex)),
		run: async (connection, request: ListRequest) =>
			await listNumbers.call(this, connection, request),
	});
}
