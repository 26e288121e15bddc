// Add to WhatsApp Business Account sends a number as Meta asks: country calling code (cc) and
// national number, from any format Add accepts. A table of 26 countries.
import { normalizePhoneNumber } from '../../nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber';

const table: Array<[input: string, defaultCountry: string, cc: string, national: string]> = [
	['+1 (631) 555-1000', '', '1', '6315551000'],
	['(631) 555-1000', 'US', '1', '6315551000'],
	['+1 416 555 0199', '', '1', '4165550199'],
	['0044 20 7183 8750', '', '44', '2071838750'],
	['020 7183 8750', 'GB', '44', '2071838750'],
	['+49 30 901820', '', '49', '30901820'],
	['030 901820', 'DE', '49', '30901820'],
	['+33 1 42 68 53 00', '', '33', '142685300'],
	['+34 912 34 56 78', '', '34', '912345678'],
	['+39 312 345 6789', '', '39', '3123456789'],
	['+39 06 6982 1234', '', '39', '0669821234'],
	['+31 6 12345678', '', '31', '612345678'],
	['+55 11 96123 4567', '', '55', '11961234567'],
	['+52 55 1234 5678', '', '52', '5512345678'],
	['+54 9 11 2345 6789', '', '54', '91123456789'],
	['+57 321 1234567', '', '57', '3211234567'],
	['+91 98765 43210', '', '91', '9876543210'],
	['+62 812 3456 7890', '', '62', '81234567890'],
	['+63 917 123 4567', '', '63', '9171234567'],
	['+65 8123 4567', '', '65', '81234567'],
	['+61 4 1234 5678', '', '61', '412345678'],
	['+81 90 1234 5678', '', '81', '9012345678'],
	['+82 10 2345 6789', '', '82', '1023456789'],
	['+971 50 123 4567', '', '971', '501234567'],
	['+966 50 123 4567', '', '966', '501234567'],
	['+20 10 1234 5678', '', '20', '1012345678'],
	['+27 82 123 4567', '', '27', '821234567'],
	['+234 803 123 4567', '', '234', '8031234567'],
	['+254 712 345678', '', '254', '712345678'],
	['+90 532 123 45 67', '', '90', '5321234567'],
];

test.each(table)('%s (default %p) is cc %s, national %s', (input, country, cc, national) => {
	const result = normalizePhoneNumber(input, country || undefined);
	expect(result).toMatchObject({ ok: true, callingCode: cc, nationalNumber: national });
	if (result.ok) expect(result.e164).toBe(`+${cc}${national}`);
});

test('the table covers at least 20 countries', () => {
	const countries = new Set(
		table.map(([input, country]) => {
			const result = normalizePhoneNumber(input, country || undefined);
			return result.ok ? result.country : null;
		}),
	);
	countries.delete(null);
	expect(countries.size).toBeGreaterThanOrEqual(20);
});
