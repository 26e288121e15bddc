import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { findPreVerifiedNumberId } from '../../helpers/findPreVerifiedNumber';
import { echoInput, errorItem, toNodeError, validationError } from '../../helpers/itemResults';
import type { PhoneNumberContext } from '../../helpers/itemResults';
import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import type { PerItemOperation, Prepared } from '../../helpers/executePerItem';
import { normalizePhoneNumber } from '../../helpers/normalizePhoneNumber';
import type { NormalizedPhoneNumber } from '../../helpers/normalizePhoneNumber';
import { readBusinessId } from '../../helpers/readBusinessId';
import { GraphApiError, graphApiRequest } from '../../transport';
import type { GraphConnection, RetryState } from '../../transport';
import { readOptions, requestOptions } from '../common';
import { defaultCountryField } from './fields';

const showOnlyForAdd = { resource: ['preVerifiedNumber'], operation: ['add'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1234567890123456',
		description:
			'ID of the business portfolio whose pool of pre-verified numbers receives the number (digits only)',
		displayOptions: { show: showOnlyForAdd },
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+1 631 555 1000',
		description:
			'Number to add, in any common format (spaces, dashes, dots, brackets, 00 prefix). Sent to Meta in E.164 form. Usually an expression that reads the phone column of the incoming row.',
		displayOptions: { show: showOnlyForAdd },
	},
	defaultCountryField(
		'Country of numbers written without a country code, e.g. (631) 555-1000. Numbers with "+" or "00" keep their own country. Choose from the list, or specify an ISO 3166-1 alpha-2 code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		['add'],
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: showOnlyForAdd },
		options: [
			{
				displayName: 'If Already Added',
				name: 'ifAlreadyAdded',
				type: 'options',
				options: [
					{
						name: 'Return the Existing Number',
						value: 'returnExisting',
						description: 'Output the existing ID with alreadyExisted: true',
					},
					{
						name: 'Error',
						value: 'error',
						description: 'Fail the item with category "duplicate"',
					},
				],
				default: 'returnExisting',
				description: 'What to do when the business already has the number',
			},
			{
				displayName: 'Requests in Flight',
				name: 'requestsInFlight',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10 },
				default: 1,
				description: 'How many numbers to add at the same time',
			},
			{
				displayName: 'Validate Only',
				name: 'validateOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether to only normalize and check every number, returning its E.164 form, country and type, without calling Meta: a safe preview of a spreadsheet',
			},
			...requestOptions,
		],
	},
];

interface PreparedItem {
	businessId: string;
	input: string | number | null;
	normalized: NormalizedPhoneNumber;
}

function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	needsBusiness: boolean,
): Prepared<PreparedItem> {
	const rawPhone = this.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	const phoneNumber: PhoneNumberContext = { input: echoInput(rawPhone), normalized: null };
	return prepareWith(
		() => {
			const businessId = needsBusiness ? readBusinessId.call(this, itemIndex) : '';
			const defaultCountry = this.getNodeParameter('defaultCountry', itemIndex, '') as unknown;
			const result = normalizePhoneNumber(
				rawPhone,
				typeof defaultCountry === 'string' ? defaultCountry : undefined,
			);
			if (!result.ok) throw validationError(result.message);
			phoneNumber.normalized = result.e164;
			return { businessId, input: phoneNumber.input, normalized: result };
		},
		{ phone_number: phoneNumber },
	);
}

function added(item: PreparedItem, id: string, alreadyExisted: boolean): IDataObject {
	const json: IDataObject = {
		id,
		phone_number: item.normalized.e164,
		input: item.input,
		business_id: item.businessId,
	};
	if (alreadyExisted) json.alreadyExisted = true;
	return json;
}

function preview(item: PreparedItem): IDataObject {
	const { normalized } = item;
	return {
		phone_number: normalized.e164,
		input: item.input,
		country: normalized.country,
		calling_code: normalized.callingCode,
		number_type: normalized.type,
		valid: true,
	};
}

async function addOne(
	this: IExecuteFunctions,
	connection: GraphConnection,
	item: PreparedItem,
	returnExisting: boolean,
): Promise<IDataObject> {
	const state: RetryState = { attempts: 0, waitedMs: 0, ambiguous: false };
	try {
		const { body } = await graphApiRequest.call(
			this,
			connection,
			{
				method: 'POST',
				path: [item.businessId, 'add_phone_numbers'],
				body: { phone_number: item.normalized.e164 },
			},
			state,
		);
		if (typeof body.id !== 'string' && typeof body.id !== 'number') {
			// Not retried: the number may have been added, and a retry could add it twice.
			throw new GraphApiError({
				message:
					'Meta answered HTTP 200 without the ID of the added number. Check the pool before running again.',
				category: 'server',
				retryable: false,
				httpCode: 200,
			});
		}
		return added(item, String(body.id), false);
	} catch (caught) {
		const error = GraphApiError.from(caught);
		// add_phone_numbers is not idempotent: after a lost answer, "already added" means our own
		// earlier attempt worked. Either way, look the number up instead of adding it again.
		if (error.category !== 'duplicate' || !(returnExisting || state.ambiguous)) throw error;
		const id = await findPreVerifiedNumberId.call(
			this,
			connection,
			item.businessId,
			item.normalized.e164,
		);
		if (id === undefined) throw error;
		return added(item, id, true);
	}
}

/**
 * Adds each item's number to the business's pre-verified pool, or with Validate Only, shows
 * what would be sent without calling Meta.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const options = readOptions.call(this);
	if (options.validateOnly === true) {
		return items.map((_, itemIndex) => {
			const prepared = prepare.call(this, itemIndex, false);
			if (prepared.ok) return { json: preview(prepared.value), pairedItem: { item: itemIndex } };
			if (!this.continueOnFail()) throw toNodeError.call(this, prepared.error, itemIndex);
			return errorItem(prepared.error, itemIndex, prepared.details);
		});
	}
	const returnExisting = options.ifAlreadyAdded !== 'error';
	const operation: PerItemOperation<PreparedItem> = {
		prepare(itemIndex) {
			return prepare.call(this, itemIndex, true);
		},
		async run(connection, item) {
			return await addOne.call(this, connection, item, returnExisting);
		},
		concurrency: typeof options.requestsInFlight === 'number' ? options.requestsInFlight : 1,
	};
	return await executePerItem.call(this, items, operation);
}
