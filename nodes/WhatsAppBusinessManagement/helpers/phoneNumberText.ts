// How spreadsheets, CRMs and people in many scripts write a phone number, read back to the ASCII
// text libphonenumber-js parses. Pure string work: no metadata, nothing that changes the digits.

/** Digits other scripts use, by the code point of their zero: Arabic-Indic and Persian. */
const DIGIT_ZEROS = [0x0660, 0x06f0];
// Full-width forms (CJK input methods) sit at a fixed offset from ASCII: ＋１２ → +12.
const FULL_WIDTH = /[\uff01-\uff5e]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
const OTHER_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
// Marks that do not show: direction marks around numbers in right-to-left text, zero-width ones.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const SPACE_LIKE = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
// Dashes, tildes and the katakana long-vowel mark that Japanese input puts between groups.
const DASH_LIKE = /[\u2010-\u2015\u2212\u2053\u223c\u30fc~]/g;
const ARABIC_COMMA = /[\u060c\u066c]/g;
/** Surrounding quotes as exports leave them: "…", '…', “…”, ‘…’, «…», „…“. */
const QUOTE_PAIRS: Array<[string, string]> = [
	['"', '"'],
	["'", "'"],
	['\u201c', '\u201d'],
	['\u2018', '\u2019'],
	['\u00ab', '\u00bb'],
	['\u201e', '\u201c'],
];
const TRAILING_PUNCTUATION = /[\s,;.:!?]+$/;
/** Where a number may start: a plus, a digit, or an opening bracket before either. */
const NUMBER_START = /[+\d]|\((?=\s*[+\d])/;
/** Separators between two numbers in one cell. */
const NUMBER_SEPARATOR = /[;,|/\n]|\s(?:or|and|&|ou|et|oder|und|o|y)\s/i;
/** Fewer digits than this on each side of a separator is one number written with a slash. */
const MIN_DIGITS_OF_A_SECOND_NUMBER = 7;

/** Maps full-width and Arabic-script digits and signs to ASCII, and every dash to "-". */
export function toAsciiPhoneText(text: string): string {
	return text
		.replace(FULL_WIDTH, (char) => String.fromCharCode(char.charCodeAt(0) - FULL_WIDTH_OFFSET))
		.replace(OTHER_DIGITS, (char) => {
			const code = char.charCodeAt(0);
			const zero = DIGIT_ZEROS.find((start) => code >= start && code <= start + 9) as number;
			return String(code - zero);
		})
		.replace(INVISIBLE, '')
		.replace(SPACE_LIKE, ' ')
		.replace(DASH_LIKE, '-')
		.replace(ARABIC_COMMA, ',')
		.replace(/\[/g, '(')
		.replace(/\]/g, ')');
}

/**
 * Removes what a spreadsheet or CSV export wraps around a value: a leading apostrophe (text
 * marker), ="…" (a formula that keeps leading zeros), surrounding quotes.
 */
export function unwrapSpreadsheetText(text: string): string {
	let current = text.trim();
	for (let round = 0; round < 3; round++) {
		const before = current;
		const formula = /^=\s*"(.*)"$/.exec(current);
		if (formula) current = formula[1].trim();
		for (const [open, close] of QUOTE_PAIRS) {
			if (current.length >= 2 && current.startsWith(open) && current.endsWith(close)) {
				current = current.slice(open.length, -close.length).trim();
			}
		}
		if (current.startsWith("'")) current = current.slice(1).trim();
		if (current === before) break;
	}
	return current;
}

/** The text with trailing commas, semicolons, full stops and the like removed. */
export function dropTrailingPunctuation(text: string): string {
	return text.replace(TRAILING_PUNCTUATION, '');
}

/**
 * What may be the number in "Phone: +44 20 7183 8750": the text from the first plus, digit or
 * bracket that opens a number (the label before it holds no digit), or '' without one.
 */
export function withoutLabel(text: string): string {
	const match = NUMBER_START.exec(text);
	return match ? text.slice(match.index) : '';
}

/** The two numbers of a cell that holds two (each part with enough digits), or null. */
export function findTwoNumbers(text: string): [string, string] | null {
	const parts = text
		.split(NUMBER_SEPARATOR)
		.map((part) => part.trim())
		.filter((part) => part.replace(/\D/g, '').length >= MIN_DIGITS_OF_A_SECOND_NUMBER);
	return parts.length >= 2 ? [parts[0], parts[1]] : null;
}

/** "(+44) 20 …" written without spaces: the country code in brackets becomes "+44…". */
export function unbracketCountryCode(compact: string): string {
	return compact.replace(/^\(\+(\d{1,3})\)/, '+$1');
}

/**
 * The ASCII digits of a number as Meta formats it ("+1 631-555-1000"), to compare it with an
 * E.164 number; '' for anything that is not text.
 */
export function digitsOf(value: unknown): string {
	return typeof value === 'string' ? value.replace(/\D/g, '') : '';
}
