/* eslint-disable no-console -- test code: prints the agreement figure for the closing note */
// Issue 19: the normalizer against Google's libphonenumber (the reference implementation) on
// every way of writing a number the node promises to read, across every region's example mobile
// and fixed-line numbers, and on random wrappings and junk.
import fc from 'fast-check';

import { normalizePhoneNumber } from '../../nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber';
import { worldWritten } from '../fixtures/phoneNumbers';
import { wrappers, writings } from '../fixtures/writings';
import { exampleNumbers, referenceE164 } from '../helpers/referencePhoneNumber';

const examples = exampleNumbers();
const nodeE164 = (input: string, defaultCountry: string) => {
	const result = normalizePhoneNumber(input, defaultCountry);
	return result.ok ? result.e164 : null;
};

interface Row {
	writing: string;
	input: string;
	defaultCountry: string;
	node: string | null;
	reference: string | null;
}

const table: Row[] = writings.flatMap((writing) =>
	examples.map((example) => {
		const { input, defaultCountry } = writing.write(example);
		return {
			writing: writing.name,
			input,
			defaultCountry,
			node: nodeE164(input, defaultCountry),
			reference: referenceE164(input, defaultCountry),
		};
	}),
);

test('the table covers every writing over 200+ regions, mobile and fixed line', () => {
	expect(new Set(examples.map((example) => example.region)).size).toBeGreaterThanOrEqual(200);
	expect(new Set(examples.map((example) => example.type))).toEqual(
		new Set(['mobile', 'fixed line']),
	);
	expect(table.length).toBe(writings.length * examples.length);
});

test('the node agrees with the reference on at least 99% of the table, in every writing', () => {
	const agreeing = table.filter((row) => row.node === row.reference);
	const share = agreeing.length / table.length;
	const disagreements = table.filter((row) => row.node !== row.reference);
	// The figure the closing note and README quote.
	console.log(
		`oracle: ${agreeing.length} of ${table.length} agree (${(100 * share).toFixed(2)}%); ` +
			`disagreements: ${JSON.stringify(disagreements.slice(0, 10))}`,
	);
	expect(share).toBeGreaterThanOrEqual(0.99);
	for (const writing of writings) {
		const rows = table.filter((row) => row.writing === writing.name);
		const agree = rows.filter((row) => row.node === row.reference).length;
		expect({ writing: writing.name, share: agree / rows.length >= 0.97 }).toEqual({
			writing: writing.name,
			share: true,
		});
	}
});

test('the node never accepts a number the reference rejects, nor reads another number', () => {
	const wrong = table.filter((row) => row.node !== null && row.node !== row.reference);
	expect(wrong).toEqual([]);
});

test("every row of the unit table's world-written numbers is read the same by the reference", () => {
	for (const [input, defaultCountry, expected] of worldWritten) {
		expect({ input, reference: referenceE164(input, defaultCountry) }).toEqual({
			input,
			reference: expected,
		});
	}
});

describe('property: whatever the node accepts, the reference reads to the same E.164', () => {
	const check = (input: string, defaultCountry: string) => {
		const node = nodeE164(input, defaultCountry);
		if (node !== null)
			expect({ input, node }).toEqual({ input, node: referenceE164(input, defaultCountry) });
		return node;
	};

	test('random wrappings of valid numbers are read back to the number', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...examples),
				fc.boolean(),
				fc.array(fc.integer({ min: 0, max: wrappers.length - 1 }), { maxLength: 4 }),
				(example, asNational, picks) => {
					let input = asNational ? example.national : example.international;
					for (const pick of picks) input = wrappers[pick](input);
					const node = check(input, asNational ? example.region : '');
					if (node !== null) expect(node).toBe(example.e164);
				},
			),
			{ numRuns: 3000 },
		);
	});

	test('random junk is never read as a number the reference would not read', () => {
		const phoneLike = fc.stringMatching(/^[+＋0-9٠-٩۰-۹()（）\- .,;:'"=a-zA-Z\u200f\u00a0]{0,30}$/);
		fc.assert(
			fc.property(
				fc.oneof(phoneLike, fc.string(), fc.string({ unit: 'grapheme' })),
				fc.constantFrom('', 'US', 'GB', 'DE', 'IN', 'AE', 'JP', 'BR'),
				(input, defaultCountry) => {
					check(input, defaultCountry);
				},
			),
			{ numRuns: 5000 },
		);
	});
});
