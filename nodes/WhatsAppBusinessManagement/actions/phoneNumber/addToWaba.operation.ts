import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { digitsOf } from '../../helpers/phoneNumberText';
import type { NormalizedPhoneNumber } from '../../helpers/normalizePhoneNumber';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest, graphApiRequestAllItems, GraphApiError } from '../../transport';
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
		default: '',
		placeholder: "Jasper's Market",
		description:
			"The business name customers see (Meta's verified_name, 2 to 75 characters); Meta reviews it. Not sent for a number migrated from another provider: it keeps its name.",
	},
	optionsCollection([
		{
			displayName: 'Migrate From Another Provider',
			name: 'migratePhoneNumber',
			type: 'boolean',
			default: false,
			description:
				"Whether the number is registered with another Solution Partner and moves here (Meta's migrate_phone_number), keeping its display name, quality rating, messaging limit, badge and high-quality templates. Then Request Verification Code, Verify Code and Register it. Before: two-step verification off at the old provider, the business verified, this WABA approved.",
		},
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
	migrate: boolean;
}

/**
 * Meta's refusals of a migration, each with what to do (its migration pages name the
 * requirements; Graph answers them with code 100 and a message).
 */
const MIGRATION_REFUSALS: Array<[RegExp, string]> = [
	[
		/two[- ]?step/i,
		'Ask the client to turn off two-step verification for the number at its current provider (WhatsApp Manager → Phone numbers → the number → Two-step verification), then run again.',
	],
	[
		/business.*not verified|verif.*business/i,
		"The client's business must be verified first (Meta Business Suite → Security Center → Business verification); run again once Meta approved it.",
	],
	[
		/not approved|account review/i,
		'This WABA must be approved by Meta (account_review_status APPROVED) before a number can move into it: check with WhatsApp Business Account → Get, and run again once approved.',
	],
	[
		/not registered with another/i,
		'The number is not registered with another provider: add it without Migrate From Another Provider.',
	],
];

function migrationRefusal(error: unknown): unknown {
	if (!(error instanceof GraphApiError)) return error;
	const said = `${error.graph.message ?? ''} ${error.graph.error_user_msg ?? ''}`;
	const match = MIGRATION_REFUSALS.find(([pattern]) => pattern.test(said));
	if (!match) return error;
	const what = (error.graph.error_user_msg ?? error.graph.message ?? '').replace(/[.\s]+$/, '');
	return new GraphApiError({
		...error,
		message: `Meta refused the migration (code ${error.graph.code ?? '?'}): ${what}. ${match[1]}`,
	});
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
		const migrate = options.migratePhoneNumber === true;
		if (migrate && given !== '') {
			throw new InputError(
				'Migrate From Another Provider and Pre-Verified Number ID do not go together: a pre-verified number is claimed from your pool, a migrated one comes from another provider. Remove one of them.',
			);
		}
		if (
			!(migrate && verifiedName === '') &&
			(verifiedName.length < 2 || verifiedName.length > 75)
		) {
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
			migrate,
		};
	},

	async run(context, connection, request) {
		const { normalized } = request;
		const body: IDataObject = {
			cc: normalized.callingCode,
			phone_number: normalized.nationalNumber,
		};
		if (request.migrate) body.migrate_phone_number = true;
		else body.verified_name = request.verifiedName;
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
		const output = (id: unknown, migration: IDataObject = {}) => ({
			id: String(id ?? ''),
			phone_number: normalized.e164,
			cc: normalized.callingCode,
			national_number: normalized.nationalNumber,
			...(request.migrate ? migration : { verified_name: request.verifiedName }),
			waba_id: request.wabaId,
			...(request.preverifiedId ? { preverified_id: request.preverifiedId } : {}),
			input: request.input,
		});
		// A number migrated here before (this run or an earlier one) is done: nothing to send.
		const here = request.migrate ? await findApplied() : undefined;
		if (here) return output(here.id, { migrated: true, alreadyMigrated: true });
		let answer: IDataObject;
		try {
			answer = await graphApiRequest.call(context, connection, {
				method: 'POST',
				path: edges.wabaPhoneNumbers(request.wabaId),
				body,
				findApplied,
			});
		} catch (error) {
			throw request.migrate ? migrationRefusal(error) : error;
		}
		return output(answer.id, { migrated: true, alreadyMigrated: false });
	},

	errorContext: (context, itemIndex, request) =>
		phoneNumberErrorContext(context, itemIndex, request?.normalized),
};
