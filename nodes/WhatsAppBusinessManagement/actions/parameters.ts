import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { normalizePhoneNumber } from '../helpers/normalizePhoneNumber';
import type { NormalizedPhoneNumber, PhoneNumberPurpose } from '../helpers/normalizePhoneNumber';
import { echoInput, quoteInput } from '../helpers/userInput';
import {
	DEFAULT_RETRY_POLICY,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_USAGE_CEILING_PERCENT,
	readCredentialOptions,
} from '../transport';
import type { ConnectionSettings } from '../transport';
import { RUN_SETTINGS } from './common.descriptions';
import type { ItemOptions, RunSettings } from './node.type';

const DIGITS = /^[0-9]+$/;

/** Meta's IDs are digits; checked because each becomes a URL segment. */
function toId(value: unknown): string | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	return typeof text === 'string' && DIGITS.test(text.trim()) ? text.trim() : undefined;
}

/**
 * The item's Business ID, checked; an empty field takes the credential's Business ID
 * (`fromCredential`, '' when the credential has none).
 */
export function readBusinessId(
	context: IExecuteFunctions,
	itemIndex: number,
	fromCredential: string,
): string {
	const value = context.getNodeParameter('businessId', itemIndex, '') as unknown;
	const given = typeof value === 'string' ? value.trim() : value;
	if (given === '' || given === undefined || given === null) {
		if (fromCredential === '') {
			throw new InputError(
				'Business ID is empty. Enter the business portfolio ID (digits only) here, or once in the credential.',
			);
		}
		if (toId(fromCredential) === undefined) {
			throw new InputError(
				`Business ID ${quoteInput(fromCredential)} in the credential is not valid: use only the digits 0-9, e.g. 1234567890123456.`,
			);
		}
		return fromCredential;
	}
	const id = toId(given);
	if (id !== undefined) return id;
	throw new InputError(
		`Business ID ${quoteInput(String(given))} is not valid: use only the digits 0-9, e.g. 1234567890123456.`,
	);
}

/** The ID in a resource locator field (From List or By ID), checked. */
export function readLocatorId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = toId(value);
	if (id !== undefined) return id;
	throw new InputError(
		`${label} ID ${quoteInput(String(value ?? ''))} is not valid: use the digits of the ID, e.g. 1234567890123456.`,
	);
}

/**
 * The item's own Options: every value of the collection but the run settings, which the router
 * alone reads (once, from the first item).
 */
export function readItemOptions(context: IExecuteFunctions, itemIndex: number): ItemOptions {
	return optionsOf(context, itemIndex, (name) => !RUN_SETTINGS.has(name));
}

/**
 * The settings of the whole run, and only those: the run settings of the first item's Options
 * (n8n's convention for settings of a run), and the credential's defaults. A row's own options
 * are never read here.
 */
export async function readRunSettings(context: IExecuteFunctions): Promise<RunSettings> {
	const options = optionsOf(context, 0, (name) => RUN_SETTINGS.has(name));
	const credential = await readCredentialOptions.call(context);
	return {
		connection: readConnectionSettings(options),
		validateOnly: options.validateOnly === true,
		credentialBusinessId: credential.businessId,
		credentialAppId: credential.appId,
	};
}

/** The item's Options collection, kept to the options `wanted` names. */
function optionsOf(
	context: IExecuteFunctions,
	itemIndex: number,
	wanted: (name: string) => boolean,
): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return Object.fromEntries(Object.entries(options).filter(([name]) => wanted(name)));
}

/** Retries, timeout and requests in flight from the node's Options, with the transport's defaults. */
function readConnectionSettings(options: IDataObject): ConnectionSettings {
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return {
		retry: {
			maxAttempts: Math.max(
				1,
				Math.floor(number(options.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts)),
			),
			maxTotalWaitMs:
				number(options.maxTotalWaitSeconds, DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000) * 1000,
			initialDelayMs: number(options.initialRetryDelayMs, DEFAULT_RETRY_POLICY.initialDelayMs),
		},
		timeoutMs: number(options.timeoutMs, DEFAULT_TIMEOUT_MS),
		requestsInFlight: Math.max(1, Math.floor(number(options.requestsInFlight, 1))),
		usageCeilingPercent: Math.min(
			100,
			Math.max(1, number(options.usageCeilingPercent, DEFAULT_USAGE_CEILING_PERCENT)),
		),
	};
}

/** The item's pre-verified number, from its resource locator, checked. */
export function readPreVerifiedNumberId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'preVerifiedNumberId', 'Pre-verified number');
}

/** The item's WhatsApp Business Account, from its resource locator, checked. */
export function readWabaId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'wabaId', 'WhatsApp Business Account');
}

/** The item's message template, from its resource locator, checked. */
export function readTemplateId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'templateId', 'Message template');
}

/** The item's WABA phone number, from its resource locator, checked. */
export function readPhoneNumberId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'phoneNumberId', 'Phone number');
}

/** The item's two-step PIN, checked. It is a secret: no message quotes it. */
export function readPin(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('pin', itemIndex, '') as unknown;
	const pin = typeof value === 'string' ? value.replace(/[\s-]/g, '') : '';
	if (!/^[0-9]{6}$/.test(pin)) {
		throw new InputError(
			`PIN is not valid: use exactly 6 digits (0-9)${typeof value === 'number' ? ', as text so that leading zeros stay' : ''}. The value given is not shown, as PINs are secret.`,
		);
	}
	return pin;
}

/**
 * The item's phone number (any format Add accepts) in E.164, with the input as given; checked as
 * a number being added unless it names one the business already has (see PhoneNumberPurpose).
 */
export function readPhoneNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	purpose: PhoneNumberPurpose = 'add',
): { input: string | number | null; normalized: NormalizedPhoneNumber } {
	const raw = context.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	const country = context.getNodeParameter('defaultCountry', itemIndex, '') as unknown;
	const result = normalizePhoneNumber(
		raw,
		typeof country === 'string' ? country : undefined,
		purpose,
	);
	if (!result.ok) throw new InputError(result.message);
	return { input: echoInput(raw), normalized: result };
}

/** What an error item says about the phone number it was given, and what it became. */
export function phoneNumberErrorContext(
	context: IExecuteFunctions,
	itemIndex: number,
	normalized?: NormalizedPhoneNumber,
): IDataObject {
	const raw = context.getNodeParameter('phoneNumber', itemIndex, '') as unknown;
	return { phone_number: { input: echoInput(raw), normalized: normalized?.e164 ?? null } };
}

/** How many entries the item's list operation returns: all (Infinity), or its Limit. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return Infinity;
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new InputError('Limit must be a whole number of at least 1.');
	}
	return limit;
}
