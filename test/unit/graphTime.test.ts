import {
	expiresInDays,
	parseGraphTime,
} from '../../nodes/WhatsAppBusinessManagement/helpers/graphTime';

test.each([
	['2023-04-14T22:12:31+0000', Date.UTC(2023, 3, 14, 22, 12, 31)],
	['2023-04-14T22:12:31+00:00', Date.UTC(2023, 3, 14, 22, 12, 31)],
	['2023-04-14T22:12:31Z', Date.UTC(2023, 3, 14, 22, 12, 31)],
	['2023-04-15T00:12:31+0200', Date.UTC(2023, 3, 14, 22, 12, 31)],
	[1681510351, Date.UTC(2023, 3, 14, 22, 12, 31)],
	['1681510351', Date.UTC(2023, 3, 14, 22, 12, 31)],
])('%p is read as the same instant', (value, expected) => {
	expect(parseGraphTime(value)).toBe(expected);
});

test.each([[undefined], [null], [''], ['soon'], [{}], [Number.NaN]])('%p has no time', (value) => {
	expect(parseGraphTime(value)).toBeNull();
	expect(expiresInDays(value)).toBeNull();
});

test('days to expiry count whole days and go negative once past', () => {
	const now = Date.UTC(2026, 10, 24, 12);
	expect(expiresInDays(now / 1000 + 90 * 86_400, now)).toBe(90);
	expect(expiresInDays(now / 1000 + 90 * 86_400 - 1, now)).toBe(89);
	expect(expiresInDays('2026-11-23T12:00:00+0000', now)).toBe(-1);
});
