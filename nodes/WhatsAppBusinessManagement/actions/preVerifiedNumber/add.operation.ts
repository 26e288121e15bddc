import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { COUNTRY_OPTIONS } from '../../helpers/countries';
import {
	asGraphApiError,
	echoInput,
	errorItem,
	toNodeError,
	validationError,
} from '../../helpers/itemResults';
import type { PhoneNumberContext } from '../../helpers/itemResults';
import { normalizePhoneNumber } from '../../helpers/normalizePhoneNumber';
import { readBusinessId } from '../../helpers/readBusinessId';
import { getGraphConnection, graphApiRequest } from '../../transport';
import type { GraphApiError, GraphConnection } from '../../transport';

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
	{
		displayName: 'Default Country Name or ID',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [{ name: 'None (Numbers Include Country Code)', value: '' }, ...COUNTRY_OPTIONS],
		description:
			'Country of numbers written without a country code, e.g. (631) 555-1000. Numbers with "+" or "00" keep their own country. Choose from the list, or specify an ISO 3166-1 alpha-2 code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: showOnlyForAdd },
	},
];

interface PreparedItem {
	itemIndex: number;
	businessId: string;
	phoneNumber: PhoneNumberContext;
}

type Preparation = { ok: true; item: PreparedItem } | { ok: false; error: GraphApiError; phoneNumber: PhoneNumberContext };

function prepare(this: IExecuteFunctions, itemIndex: number): Preparation {
	const rawPhone = this.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	const phoneNumber: PhoneNumberContext = { input: echoInput(rawPhone), normalized: null };
	try {
		const businessId = readBusinessId.call(this, itemIndex);
		const defaultCountry = this.getNodeParameter('defaultCountry', itemIndex, '') as unknown;
		const result = normalizePhoneNumber(
			rawPhone,
			typeof defaultCountry === 'string' ? defaultCountry : undefined,
		);
		if (!result.ok) return { ok: false, error: validationError(result.message), phoneNumber };
		phoneNumber.normalized = result.e164;
		return { ok: true, item: { itemIndex, businessId, phoneNumber } };
	} catch (error) {
		return { ok: false, error: asGraphApiError(error), phoneNumber };
	}
}

async function addOne(
	this: IExecuteFunctions,
	connection: GraphConnection,
	item: PreparedItem,
): Promise<INodeExecutionData> {
	const e164 = item.phoneNumber.normalized as string;
	const { body } = await graphApiRequest.call(this, connection, {
		method: 'POST',
		path: [item.businessId, 'add_phone_numbers'],
		body: { phone_number: e164 },
	});
	const id = body.id;
	if (typeof id !== 'string' && typeof id !== 'number') {
		throw validationError('Meta answered without the ID of the added number.');
	}
	const json: IDataObject = {
		id: String(id),
		phone_number: e164,
		input: item.phoneNumber.input,
		business_id: item.businessId,
	};
	return { json, pairedItem: { item: item.itemIndex } };
}

/**
 * Adds each item's number to the business's pre-verified pool. Every item is checked before
 * the first request, so that a bad row stops a run that is not set to continue before anything
 * is added.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const prepared = items.map((_, itemIndex) => prepare.call(this, itemIndex));
	if (!continueOnFail) {
		const firstBad = prepared.findIndex((p) => !p.ok);
		if (firstBad !== -1) {
			const bad = prepared[firstBad] as Extract<Preparation, { ok: false }>;
			throw toNodeError.call(this, bad.error, firstBad);
		}
	}

	let connection: GraphConnection | undefined;
	let connectionError: GraphApiError | undefined;
	if (prepared.some((p) => p.ok)) {
		try {
			connection = await getGraphConnection.call(this);
		} catch (error) {
			connectionError = asGraphApiError(error);
			if (!continueOnFail) throw toNodeError.call(this, connectionError, 0);
		}
	}

	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < prepared.length; itemIndex++) {
		const preparation = prepared[itemIndex];
		if (!preparation.ok) {
			results.push(errorItem(preparation.error, itemIndex, preparation.phoneNumber));
			continue;
		}
		const { item } = preparation;
		if (!connection) {
			results.push(errorItem(connectionError as GraphApiError, itemIndex, item.phoneNumber));
			continue;
		}
		try {
			results.push(await addOne.call(this, connection, item));
		} catch (caught) {
			const error = asGraphApiError(caught);
			if (!continueOnFail) throw toNodeError.call(this, error, itemIndex);
			results.push(errorItem(error, itemIndex, item.phoneNumber));
		}
	}
	return results;
}
