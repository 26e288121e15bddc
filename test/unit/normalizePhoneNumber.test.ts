import { normalizePhoneNumber } from '../../nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber';
import type { PhoneNumberProblem } from '../../nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber';

// [input, default country, E.164 expected]
const valid: Array<[unknown, string, string]> = [
	// The formats from the issue and Meta's page.
	['+1 (631) 555-1000', '', '+16315551000'],
	['+1-631-555-1000', '', '+16315551000'],
	['0044 20 7183 8750', '', '+442071838750'],
	['16315551000', '', '+16315551000'],
	['(631) 555-1000', 'US', '+16315551000'],
	[16315551000, '', '+16315551000'],
	[6315551000, 'US', '+16315551000'],
	['  +1 631 555 1000  ', '', '+16315551000'],
	['+1\u00a0631\u00a0555\u00a01000', '', '+16315551000'],
	['+1.631.555.1000', '', '+16315551000'],
	['+1 631\u2009555\u20091000', '', '+16315551000'],
	['\ufeff+16315551000', '', '+16315551000'],
	['tel:+1-631-555-1000', '', '+16315551000'],
	['+1 631 555 1000', 'GB', '+16315551000'],
	['16315551000', 'US', '+16315551000'],
	['+1 201 555 0123', '', '+12015550123'],
	// United Kingdom
	['07400 123456', 'GB', '+447400123456'],
	['+44 7400 123456', '', '+447400123456'],
	['+44 (0) 20 7183 8750', '', '+442071838750'],
	['020 7183 8750', 'gb', '+442071838750'],
	// Germany
	['01512 3456789', 'DE', '+4915123456789'],
	['0049 1512 3456789', '', '+4915123456789'],
	['+49 30 901820', '', '+4930901820'],
	// France
	['06 12 34 56 78', 'FR', '+33612345678'],
	['+33 6 12 34 56 78', '', '+33612345678'],
	['0033612345678', '', '+33612345678'],
	// India
	['081234 56789', 'IN', '+918123456789'],
	['+91 81234 56789', '', '+918123456789'],
	['918123456789', '', '+918123456789'],
	// Brazil
	['(11) 96123-4567', 'BR', '+5511961234567'],
	['+55 11 96123 4567', '', '+5511961234567'],
	// Mexico
	['222 123 4567', 'MX', '+522221234567'],
	['+52 222 123 4567', '', '+522221234567'],
	// Nigeria
	['0802 123 4567', 'NG', '+2348021234567'],
	['+234 802 123 4567', '', '+2348021234567'],
	// South Africa
	['071 123 4567', 'ZA', '+27711234567'],
	['+27 71 123 4567', '', '+27711234567'],
	// Japan
	['090-1234-5678', 'JP', '+819012345678'],
	['+81 90 1234 5678', '', '+819012345678'],
	// Australia
	['0412 345 678', 'AU', '+61412345678'],
	['+61 412 345 678', '', '+61412345678'],
	// Spain, Italy, Indonesia
	['612 34 56 78', 'ES', '+34612345678'],
	['+39 312 345 6789', '', '+393123456789'],
	['0812-345-678', 'ID', '+62812345678'],
	// Argentina (mobile with 9), Egypt, Kenya, Pakistan
	['+54 9 11 2345 6789', '', '+5491123456789'],
	['010 01234567', 'EG', '+201001234567'],
	['0712 123456', 'KE', '+254712123456'],
	['+92 301 2345678', '', '+923012345678'],
	// Canada, Netherlands, Singapore, UAE
	['(506) 234-5678', 'CA', '+15062345678'],
	['06 12345678', 'NL', '+31612345678'],
	['8123 4567', 'SG', '+6581234567'],
	['050 123 4567', 'AE', '+971501234567'],
];

// [input, default country, problem expected]
const invalid: Array<[unknown, string, PhoneNumberProblem]> = [
	['', '', 'empty'],
	['   ', '', 'empty'],
	[null, '', 'empty'],
	[undefined, 'US', 'empty'],
	['hello', '', 'not_a_phone_number'],
	['call me maybe', 'US', 'not_a_phone_number'],
	['+1 631 555 1000; +1 631 555 1001', '', 'not_a_phone_number'],
	['1-800-FLOWERS', 'US', 'not_a_phone_number'],
	[{ phone: '+16315551000' }, '', 'not_a_phone_number'],
	[['+16315551000'], '', 'not_a_phone_number'],
	[true, '', 'not_a_phone_number'],
	[1.5, '', 'not_a_phone_number'],
	[-16315551000, '', 'not_a_phone_number'],
	['+1 631 555 1000 ext. 12', '', 'has_extension'],
	['+44 20 7183 8750 x5', '', 'has_extension'],
	['(631) 555-1000 #204', 'US', 'has_extension'],
	['(631) 555-1000', '', 'no_country_code'],
	['07400 123456', '', 'no_country_code'],
	['06 12 34 56 78', '', 'no_country_code'],
	['+999 123456', '', 'unknown_country_code'],
	['00999 123456', '', 'unknown_country_code'],
	['+1 631', '', 'too_short'],
	['+44 20', '', 'too_short'],
	['631', 'US', 'too_short'],
	['+1 631 555 1000 1234 5678', '', 'too_long'],
	['+49 1512 3456789 12345678', '', 'too_long'],
	['+1 123 555 1000', '', 'invalid_for_country'],
	['+44 00 0000 0000', '', 'invalid_for_country'],
	['(631) 555-1000', 'ZZ', 'unknown_default_country'],
];

describe('normalizePhoneNumber: valid inputs become E.164', () => {
	test.each(valid)('%p with default %p -> %s', (input, country, expected) => {
		const result = normalizePhoneNumber(input, country);
		expect(result).toMatchObject({ ok: true, e164: expected });
	});
});

describe('normalizePhoneNumber: invalid inputs are rejected with a reason', () => {
	test.each(invalid)('%p with default %p -> %s', (input, country, problem) => {
		const result = normalizePhoneNumber(input, country);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problem).toBe(problem);
		// The message says what was wrong and how to fix it, in one line.
		expect(result.message).not.toContain('\n');
		expect(result.message.length).toBeGreaterThan(20);
		if (problem === 'unknown_default_country') {
			expect(result.message).toContain(`"${country}"`);
		} else if (typeof input === 'string' && input.trim() !== '') {
			expect(result.message).toContain(input.trim().slice(0, 20));
		}
	});
});

test('the table covers at least 60 cases over at least 15 countries', () => {
	expect(valid.length + invalid.length).toBeGreaterThanOrEqual(60);
	const countries = new Set(
		valid.map(([input, country]) => {
			const result = normalizePhoneNumber(input, country);
			return result.ok ? result.country : null;
		}),
	);
	countries.delete(null);
	expect(countries.size).toBeGreaterThanOrEqual(15);
});

test('messages name the fix for the commonest mistakes', () => {
	const noCountry = normalizePhoneNumber('(631) 555-1000');
	expect(!noCountry.ok && noCountry.message).toMatch(/Default Country/);
	const extension = normalizePhoneNumber('+1 631 555 1000 ext. 12');
	expect(!extension.ok && extension.message).toMatch(/Remove the extension/);
});

test('a 1 MB string is rejected quickly without echoing it whole', () => {
	const huge = '1'.repeat(1024 * 1024);
	const result = normalizePhoneNumber(huge);
	expect(result.ok).toBe(false);
	if (!result.ok) expect(result.message.length).toBeLessThan(300);
});

test('every accepted number is one the library calls valid', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { isValidPhoneNumber } = require('libphonenumber-js/max');
	for (const [input, country] of valid) {
		const result = normalizePhoneNumber(input, country);
		expect(result.ok && isValidPhoneNumber(result.e164)).toBe(true);
	}
});
