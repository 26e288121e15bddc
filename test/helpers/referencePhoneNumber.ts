// Google's libphonenumber (the reference implementation), for tests only: never bundled.
import { PhoneNumberFormat, PhoneNumberType, PhoneNumberUtil } from 'google-libphonenumber';

const util = PhoneNumberUtil.getInstance();
// A static of the library that its type definitions leave out: every digit it reads, as ASCII.
const { normalizeDigitsOnly } = PhoneNumberUtil as unknown as {
	normalizeDigitsOnly(text: string): string;
};

/** Any plus sign the reference reads: ASCII or full-width. */
const PLUS = /[+\uff0b]/;
// Google's parser stops at typographic spaces (thin, narrow no-break) that the node has always
// read as spaces: the reference is given plain spaces there, and the digits are compared.
const TYPOGRAPHIC_SPACE = /[\u1680\u2000-\u200a\u202f\u205f]/g;

/**
 * What the reference reads from a cell: the valid number in E.164, or null where it finds no
 * number or an invalid one. Digits without a plus that it cannot read as a national number are
 * read again as E.164 without its "+", as the node does for CRM exports ("16315551000"); Google's
 * parse alone refuses those without a region.
 */
export function referenceE164(input: string, defaultCountry = ''): string | null {
	const read = (text: string, region: string) => {
		try {
			const number = util.parse(text, region);
			return util.isValidNumber(number) ? util.format(number, PhoneNumberFormat.E164) : null;
		} catch {
			return null;
		}
	};
	input = input.replace(TYPOGRAPHIC_SPACE, ' ');
	const asWritten = read(input, defaultCountry.toUpperCase() || 'ZZ');
	if (asWritten !== null || PLUS.test(input)) return asWritten;
	const digits = normalizeDigitsOnly(input);
	return digits.startsWith('00') || digits === '' ? null : read(`+${digits}`, 'ZZ');
}

export interface ExampleNumber {
	region: string;
	type: 'mobile' | 'fixed line';
	e164: string;
	international: string;
	national: string;
}

/** The reference's example mobile and fixed-line numbers of every region it knows. */
export function exampleNumbers(): ExampleNumber[] {
	const examples: ExampleNumber[] = [];
	for (const region of util.getSupportedRegions()) {
		for (const [type, kind] of [
			['mobile', PhoneNumberType.MOBILE],
			['fixed line', PhoneNumberType.FIXED_LINE],
		] as const) {
			const number = util.getExampleNumberForType(region, kind);
			if (!number || !util.isValidNumber(number)) continue;
			examples.push({
				region,
				type,
				e164: util.format(number, PhoneNumberFormat.E164),
				international: util.format(number, PhoneNumberFormat.INTERNATIONAL),
				national: util.format(number, PhoneNumberFormat.NATIONAL),
			});
		}
	}
	return examples;
}
