import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { digitsOf } from '../../helpers/phoneNumberText';
import type { NormalizedPhoneNumber } from '../../helpers/normalizePhoneNumber';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest, graphApiRequestAllItems } from '../../transport';
import { optionsCollection, phoneNumberInputFields, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { phoneNumberErrorContext, readPhoneNumber, readWabaId } from '../parameters';

const properties: INodeProperties[] = [
	...wabaFields,
	...phoneNumberInputFields(
		'Number to add, in any format Add Phone Number accepts. Sent to Meta as country calling code (cc) and national number.',
	),
	{
		displayName: 'Display Name',
		name: 'verifiedName',
		type: 'string',
		required: true,
		default: '',
		placeholder: "Jasper's Market",
		description:
			"The business name customers see (Meta's verified_name, 2 to 75 characters); Meta reviews it",
	},
	optionsCollection([
		{
			displayName: 'Pre-Verified Number ID',
			name: 'preverifiedId',
			type: 'string',
			default: '',
			placeholder: '1234567890123456',
			description:
				"ID of the partner's pre-verified number this is (from Add Phone Number or Get Many). The number arrives verified and leaves the pool.",
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['addToWaba'] } },
	properties,
);

interface WabaAddRequest {
	wabaId: string;
	input: string | number | null;
	normalized: NormalizedPhoneNumber;
	verifiedName: string;
	preverifiedId?: string;
}

/** Adds a number to a client's WABA; with a pre-verified number's ID, the client claims it. */
export const addToWaba: Operation<WabaAddRequest> = {
	description,

	prepare(context, itemIndex, options) {
		const wabaId = readWabaId(context, itemIndex);
		const given = String(options.preverifiedId ?? '').trim();
		// A pre-verified number is already the partner's: Meta accepted it into the pool.
		const { input, normalized } = readPhoneNumber(
			context,
			itemIndex,
			given === '' ? 'add' : 'existing',
		);
		const verifiedName = String(context.getNodeParameter('verifiedName', itemIndex, '')).trim();
		if (verifiedName.length < 2 || verifiedName.length > 75) {
			throw new InputError(
				`Display Name ${quoteInput(verifiedName)} is not valid: Meta wants 2 to 75 characters.`,
			);
		}
		if (given !== '' && !/^[0-9]+$/.test(given)) {
			throw new InputError(
				`Pre-Verified Number ID ${quoteInput(given)} is not valid: use the digits of the ID.`,
			);
		}
		return {
			wabaId,
			input,
			normalized,
			verifiedName,
			preverifiedId: given || undefined,
		};
	},

	async run(context, connection, request) {
		const { normalized } = request;
		const body: IDataObject = {
			cc: normalized.callingCode,
			phone_number: normalized.nationalNumber,
			verified_name: request.verifiedName,
		};
		if (request.preverifiedId) body.preverified_id = request.preverifiedId;
		// After a lost answer, a retry would be refused as "already registered" although the
		// first attempt added the number: the WABA's numbers are read first, and a match is it.
		const findApplied = async () => {
			const numbers = await graphApiRequestAllItems.call(context, connection, {
				method: 'GET',
				path: edges.wabaPhoneNumbers(request.wabaId),
				qs: { fields: 'id,display_phone_number' },
			});
			return numbers.find(
				(number) => digitsOf(number.display_phone_number) === digitsOf(normalized.e164),
			);
		};
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.wabaPhoneNumbers(request.wabaId),
			body,
			findApplied,
		});
		return {
			id: String(answer.id ?? ''),
			phone_number: normalized.e164,
			cc: normalized.callingCode,
			national_number: normalized.nationalNumber,
			verified_name: request.verifiedName,
			waba_id: request.wabaId,
			...(request.preverifiedId ? { preverified_id: request.preverifiedId } : {}),
			input: request.input,
		};
	},

	errorContext: (context, itemIndex, request) =>
		phoneNumberErrorContext(context, itemIndex, request?.normalized),
};
