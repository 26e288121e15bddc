import {
	getCountryCallingCode,
	isSupportedCountry,
	parsePhoneNumberWithError,
	ParseError,
	validatePhoneNumberLength,
} from 'libphonenumber-js/max';
import type { CountryCode, NumberType } from 'libphonenumber-js/max';

import {
	dropTrailingPunctuation,
	findTwoNumbers,
	toAsciiPhoneText,
	unbracketCountryCode,
	unwrapSpreadsheetText,
	withoutLabel,
} from './phoneNumberText';
import { quoteInput } from './userInput';

export type PhoneNumberProblem =
	| 'empty'
	| 'not_a_phone_number'
	| 'has_extension'
	| 'no_country_code'
	| 'unknown_country_code'
	| 'unknown_default_country'
	| 'too_short'
	| 'too_long'
	| 'invalid_for_country';

export interface NormalizedPhoneNumber {
	ok: true;
	/** E.164, e.g. +16315551000 */
	e164: string;
	country: string | null;
	callingCode: string;
	/** The digits after the country calling code, e.g. 6315551000. */
	nationalNumber: string;
	type: NumberType | null;
}

export interface RejectedPhoneNumber {
	ok: false;
	problem: PhoneNumberProblem;
	/** One sentence naming the input, the reason and the fix. */
	message: string;
}

export type PhoneNumberResult = NormalizedPhoneNumber | RejectedPhoneNumber;

// Longest input worth parsing: E.164 has at most 15 digits, formatting adds a few dozen characters.
const MAX_INPUT_LENGTH = 64;
const EXTENSION_MARKER = /(?:ext\.?|extension|ext=|x|#|;)\s*\d+\s*$/i;
// What a formatted phone number may hold once it is ASCII and the spaces are gone.
const ALLOWED_CHARACTERS = /^\+?[\d\-./()]+$/;
// 1.6315551E+10: a spreadsheet showed a long number in scientific notation and dropped digits.
const SCIENTIFIC_NOTATION = /^\d(?:\.\d+)?e\+?\d+$/i;

function reject(problem: PhoneNumberProblem, message: string): RejectedPhoneNumber {
	return { ok: false, problem, message };
}

/** Turns a cell value (string, or a number a spreadsheet produced) into text, or explains why not. */
function phoneNumberInputToText(value: unknown): string | RejectedPhoneNumber {
	if (value === undefined || value === null) {
		return reject('empty', 'Phone number is empty. Map the column that holds the number.');
	}
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value) || value <= 0) {
			return reject(
				'not_a_phone_number',
				`Phone number ${String(value)} is not a whole positive number. Format the column as text so digits are not lost.`,
			);
		}
		return String(value);
	}
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string') return value;
	const kind = Array.isArray(value) ? 'a list' : `a value of type ${typeof value}`;
	return reject(
		'not_a_phone_number',
		`Phone number is ${kind}, not text. Map a single field, e.g. {{ $json.phone }}.`,
	);
}

function describeLengthProblem(
	input: string,
	problem: ReturnType<typeof validatePhoneNumberLength>,
	where: string,
): RejectedPhoneNumber {
	switch (problem) {
		case 'TOO_SHORT':
			return reject(
				'too_short',
				`Phone number ${quoteInput(input)} is too short for ${where}. Check for missing digits.`,
			);
		case 'TOO_LONG':
			return reject(
				'too_long',
				`Phone number ${quoteInput(input)} is too long for ${where}. Check for extra digits or two numbers in one cell.`,
			);
		case 'INVALID_COUNTRY':
			return reject(
				'unknown_country_code',
				`Phone number ${quoteInput(input)} starts with an unknown country code. Check the digits after the "+".`,
			);
		default:
			return reject(
				'invalid_for_country',
				`Phone number ${quoteInput(input)} is not a valid number for ${where}. Check the digits, or the Default Country.`,
			);
	}
}

/**
 * What the number is for. `add`: a number being added to the business, which must be one the
 * numbering plan allows (libphonenumber's validity check). `existing`: a number the business
 * already has (a filter, a look-up), which Meta has already accepted: any number of a possible
 * length for its country code, such as Meta's test numbers (+1 555 …), goes to Meta as it is.
 */
export type PhoneNumberPurpose = 'add' | 'existing';

/**
 * Normalizes what a spreadsheet or CRM holds to E.164, or says why it cannot.
 * Accepts "+1 (631) 555-1000", "0044 20 7183 8750", "16315551000", national numbers with a
 * default country, stray spaces, dots or NBSP, full-width and Arabic-script digits, spreadsheet
 * markers, a label before the number and trailing punctuation. For `add` it never returns a
 * number the library calls invalid; for `existing`, never one of an impossible length.
 */
export function normalizePhoneNumber(
	value: unknown,
	defaultCountry?: string,
	purpose: PhoneNumberPurpose = 'add',
): PhoneNumberResult {
	const text = phoneNumberInputToText(value);
	if (typeof text !== 'string') return text;

	const input = text;
	if (input.length > MAX_INPUT_LENGTH * 16) {
		return reject(
			'not_a_phone_number',
			`Phone number input is ${input.length} characters long, not a phone number. Map the column that holds only the number.`,
		);
	}
	const compact = readPhoneNumberText(input);
	if (typeof compact !== 'string') return compact;

	let country: CountryCode | undefined;
	if (defaultCountry) {
		const upper = defaultCountry.trim().toUpperCase();
		if (!isSupportedCountry(upper)) {
			return reject(
				'unknown_default_country',
				`Default Country ${quoteInput(defaultCountry)} is not a known ISO 3166-1 alpha-2 code. Pick one from the list.`,
			);
		}
		country = upper;
	}

	const digits = compact.replace(/\D/g, '');
	const candidates: Array<{ text: string; country?: CountryCode }> = [];
	if (compact.startsWith('+')) {
		candidates.push({ text: `+${digits}` });
	} else if (digits.startsWith('00') && compact.startsWith('00')) {
		// International dialling prefix used across Europe, Africa and Asia.
		candidates.push({ text: `+${digits.slice(2)}` });
		if (country) candidates.push({ text: compact, country });
	} else if (country) {
		candidates.push({ text: compact, country });
		// A CRM export often drops only the "+": "16315551000".
		candidates.push({ text: `+${digits}` });
	} else {
		candidates.push({ text: `+${digits}` });
	}

	let firstProblem: RejectedPhoneNumber | undefined;
	for (const candidate of candidates) {
		const outcome = parseCandidate(input, candidate.text, candidate.country, purpose);
		if (outcome.ok) return outcome;
		firstProblem ??= outcome;
	}

	// Without a plus or a default country, a national number reads as an unknown country code.
	if (
		!country &&
		!compact.startsWith('+') &&
		!compact.startsWith('00') &&
		firstProblem &&
		firstProblem.problem !== 'too_long'
	) {
		return reject(
			'no_country_code',
			`Phone number ${quoteInput(input)} has no country code and no Default Country is set. Write it with "+" and the country code (e.g. +1 631 555 1000) or choose a Default Country.`,
		);
	}
	return firstProblem as RejectedPhoneNumber;
}

const notAPhoneNumber = (input: string) =>
	reject(
		'not_a_phone_number',
		`${quoteInput(input)} is not a phone number. Use digits with an optional leading "+", e.g. +1 631 555 1000.`,
	);

/**
 * The number in a cell as compact ASCII ("+442071838750", "(631)555-1000"), or why there is
 * none: reads other scripts' digits, spreadsheet markers, a label before the number and
 * trailing punctuation; refuses extensions, two numbers and letters.
 */
function readPhoneNumberText(input: string): string | RejectedPhoneNumber {
	const text = dropTrailingPunctuation(unwrapSpreadsheetText(toAsciiPhoneText(input)));
	if (text.replace(/\s/g, '') === '') {
		return reject('empty', 'Phone number is empty. Map the column that holds the number.');
	}
	if (EXTENSION_MARKER.test(text) && /\d/.test(text)) {
		return reject(
			'has_extension',
			`Phone number ${quoteInput(input)} has an extension. Remove the extension: WhatsApp numbers cannot have one.`,
		);
	}
	const two = findTwoNumbers(text);
	if (two) {
		return reject(
			'not_a_phone_number',
			`${quoteInput(input)} holds two phone numbers, ${quoteInput(two[0])} and ${quoteInput(two[1])}. Put one number in each item, e.g. split the cell into two rows.`,
		);
	}
	// Text before the number ("Phone:", "WhatsApp:", "tel:") is dropped when a number follows.
	const compact = unbracketCountryCode(withoutLabel(text).replace(/\s/g, ''));
	if (SCIENTIFIC_NOTATION.test(compact)) {
		return reject(
			'not_a_phone_number',
			`${quoteInput(input)} is a number in scientific notation, so its last digits are lost. Format the column as text in the spreadsheet and export it again.`,
		);
	}
	if (compact === '' || compact.length > MAX_INPUT_LENGTH || !ALLOWED_CHARACTERS.test(compact)) {
		return notAPhoneNumber(input);
	}
	return compact;
}

function parseCandidate(
	input: string,
	text: string,
	country: CountryCode | undefined,
	purpose: PhoneNumberPurpose,
): PhoneNumberResult {
	const where = country ? `${country} (+${getCountryCallingCode(country)})` : 'its country';
	let parsed;
	try {
		parsed = parsePhoneNumberWithError(text, country);
	} catch (error) {
		const reason = error instanceof ParseError ? error.message : 'NOT_A_NUMBER';
		if (reason === 'NOT_A_NUMBER') return notAPhoneNumber(input);
		return describeLengthProblem(
			input,
			reason as ReturnType<typeof validatePhoneNumberLength>,
			where,
		);
	}
	if (parsed.ext) {
		return reject(
			'has_extension',
			`Phone number ${quoteInput(input)} has an extension. Remove the extension: WhatsApp numbers cannot have one.`,
		);
	}
	if (purpose === 'existing' ? !parsed.isPossible() : !parsed.isValid()) {
		const target = parsed.country
			? `${parsed.country} (+${parsed.countryCallingCode})`
			: `country code +${parsed.countryCallingCode}`;
		return describeLengthProblem(input, validatePhoneNumberLength(text, country), target);
	}
	return {
		ok: true,
		e164: parsed.number,
		country: parsed.country ?? null,
		callingCode: parsed.countryCallingCode,
		nationalNumber: parsed.nationalNumber,
		type: parsed.getType() ?? null,
	};
}
