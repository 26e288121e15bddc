import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NormalizedPhoneNumber } from '../../helpers/normalizePhoneNumber';
import { digitsOf } from '../../helpers/phoneNumberText';
import { edges, GraphApiError, graphApiRequest, graphApiRequestAllItems } from '../../transport';
import type { GraphConnection, RetryState } from '../../transport';
import {
	businessIdField,
	optionsCollection,
	phoneNumberInputFields,
	requestsInFlightOption,
	validateOnlyOption,
} from '../common.descriptions';
import { phoneNumberErrorContext, readBusinessId, readPhoneNumber } from '../parameters';
import type { Operation } from '../node.type';

const properties: INodeProperties[] = [
	businessIdField(
		"ID of the business portfolio whose pool of pre-verified numbers receives the number (digits only). Leave empty to use the credential's Business ID.",
	),
	...phoneNumberInputFields(
		'Number to add, in any common format (spaces, dashes, dots, brackets, 00 prefix). Sent to Meta in E.164 form. Usually an expression that reads the phone column of the incoming row.',
	),
	optionsCollection([
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
		requestsInFlightOption,
		validateOnlyOption,
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['preVerifiedNumber'], operation: ['add'] } },
	properties,
);

interface AddRequest {
	/** Empty with Validate Only, which needs no business. */
	businessId: string;
	input: string | number | null;
	normalized: NormalizedPhoneNumber;
	returnExisting: boolean;
}

function added(request: AddRequest, id: string, alreadyExisted: boolean): IDataObject {
	const json: IDataObject = {
		id,
		phone_number: request.normalized.e164,
		input: request.input,
		business_id: request.businessId,
	};
	if (alreadyExisted) json.alreadyExisted = true;
	return json;
}

/**
 * The ID of the business's pre-verified number equal to `e164`, if any. Meta returns numbers
 * formatted ("+1 631-555-1000"), so they are compared by digits.
 */
async function findPreVerifiedNumberId(
	context: IExecuteFunctions,
	connection: GraphConnection,
	businessId: string,
	e164: string,
): Promise<string | undefined> {
	const numbers = await graphApiRequestAllItems.call(context, connection, {
		method: 'GET',
		path: edges.preVerifiedNumbers(businessId),
		qs: { phone_number: e164, fields: 'id,phone_number' },
	});
	const match = numbers.find((entry) => digitsOf(entry.phone_number) === digitsOf(e164));
	return match?.id === undefined ? undefined : String(match.id);
}

/**
 * add_phone_numbers is not idempotent: after a lost answer, "already added" means our own
 * earlier attempt worked. Either way, the number is looked up instead of added again; any other
 * failure is passed on.
 */
async function findAfterDuplicate(
	context: IExecuteFunctions,
	connection: GraphConnection,
	request: AddRequest,
	state: RetryState,
	error: unknown,
): Promise<IDataObject> {
	if (
		!(error instanceof GraphApiError) ||
		error.category !== 'duplicate' ||
		!(request.returnExisting || state.ambiguous)
	) {
		throw error;
	}
	const id = await findPreVerifiedNumberId(
		context,
		connection,
		request.businessId,
		request.normalized.e164,
	);
	if (id === undefined) throw error;
	return added(request, id, true);
}

/**
 * Adds the item's number to the business's pre-verified pool, or with Validate Only, shows
 * what would be sent without calling Meta.
 */
export const add: Operation<AddRequest> = {
	description,

	prepare(context, itemIndex, options, run) {
		const businessId = run.validateOnly
			? ''
			: readBusinessId(context, itemIndex, run.credentialBusinessId);
		return {
			businessId,
			...readPhoneNumber(context, itemIndex),
			returnExisting: options.ifAlreadyAdded !== 'error',
		};
	},

	async run(context, connection, request) {
		const state: RetryState = { attempts: 0, waitedMs: 0, ambiguous: false };
		let body: IDataObject;
		try {
			body = await graphApiRequest.call(
				context,
				connection,
				{
					method: 'POST',
					path: edges.addPhoneNumbers(request.businessId),
					body: { phone_number: request.normalized.e164 },
				},
				state,
			);
		} catch (error) {
			return await findAfterDuplicate(context, connection, request, state, error);
		}
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
		return added(request, String(body.id), false);
	},

	preview({ normalized, input }) {
		return {
			phone_number: normalized.e164,
			input,
			country: normalized.country,
			calling_code: normalized.callingCode,
			number_type: normalized.type,
			valid: true,
		};
	},

	errorContext: (context, itemIndex, request) =>
		phoneNumberErrorContext(context, itemIndex, request?.normalized),
};
