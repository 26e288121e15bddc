import { normalizePhoneNumber } from '../../nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber';
import { invalid, stillInvalid, valid, worldWritten } from '../fixtures/phoneNumbers';

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

describe('numbers as the world writes them', () => {
	test.each(worldWritten)('%p with default %p -> %s (%s)', (input, country, expected) => {
		expect(normalizePhoneNumber(input, country)).toMatchObject({ ok: true, e164: expected });
	});

	test.each(stillInvalid)('%p with default %p stays an error: %s', (input, country, problem) => {
		const result = normalizePhoneNumber(input, country);
		expect(result).toMatchObject({ ok: false, problem });
		if (!result.ok && problem !== 'unknown_default_country') {
			expect(result.message).toContain(JSON.stringify(input.slice(0, 20)).slice(1, -1));
		}
	});

	test('two numbers in one cell are both named in the message', () => {
		const result = normalizePhoneNumber('+44 20 7183 8750, +44 20 7183 8751');
		expect(!result.ok && result.message).toContain('"+44 20 7183 8750" and "+44 20 7183 8751"');
	});

	test('a number shown in scientific notation says how to get the digits back', () => {
		const result = normalizePhoneNumber('1.6315551E+10');
		expect(!result.ok && result.message).toMatch(/scientific notation.*Format the column as text/);
	});

	test('a slash inside one number is not two numbers', () => {
		expect(normalizePhoneNumber('030/901820', 'DE')).toMatchObject({ e164: '+4930901820' });
	});
});

describe("a number the business already has ('existing')", () => {
	test.each([
		['+1 (555) 078-3881', undefined, '+15550783881'],
		['15550783881', undefined, '+15550783881'],
		['(555) 078-3881', 'US', '+15550783881'],
		['+1 631 555 1000', undefined, '+16315551000'],
	])('%p with default %p is taken as %s; being added it is checked', (input, country, e164) => {
		expect(normalizePhoneNumber(input, country, 'existing')).toMatchObject({ ok: true, e164 });
		if (e164.startsWith('+1555')) {
			expect(normalizePhoneNumber(input, country)).toMatchObject({ ok: false });
		}
	});

	test.each([
		['+1 555 07', 'too_short'],
		['+1 555 078 3881 99', 'too_long'],
		['+999 1234 5678', 'unknown_country_code'],
		['+1 555-CALL-NOW', 'not_a_phone_number'],
	])('%p is still refused: %s', (input, problem) => {
		expect(normalizePhoneNumber(input, undefined, 'existing')).toMatchObject({
			ok: false,
			problem,
		});
	});
});
