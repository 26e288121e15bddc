import {
	classifyGraphError,
	classifyHttpStatus,
} from '../../nodes/WhatsAppBusinessManagement/transport/classifyGraphError';
import { GraphApiError } from '../../nodes/WhatsAppBusinessManagement/transport/GraphApiError';
import {
	errorFromException,
	readRetryAfterMs,
	redact,
	validateApiVersion,
	validateBaseUrl,
} from '../../nodes/WhatsAppBusinessManagement/transport';
import { retryDelayMs } from '../../nodes/WhatsAppBusinessManagement/transport/retry';

const policy = { maxAttempts: 5, maxTotalWaitMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 8_000 };
const throttled = (retryAfterMs: number | null = null) =>
	new GraphApiError({ message: 'x', category: 'rate_limit', retryable: true, retryAfterMs });

test('backoff is full jitter under a doubling ceiling, capped', () => {
	const spy = jest.spyOn(Math, 'random');
	spy.mockReturnValue(0.999999);
	expect([1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n, throttled()))).toEqual([
		999, 1999, 3999, 7999, 7999, 7999,
	]);
	spy.mockReturnValue(0);
	expect(retryDelayMs(policy, 3, throttled())).toBe(0);
	spy.mockRestore();
});

test("Meta's wait hint replaces the backoff", () => {
	expect(retryDelayMs(policy, 1, throttled(120_000))).toBe(120_000);
});

test('wait hints are read from Retry-After and X-Business-Use-Case-Usage (minutes)', () => {
	expect(readRetryAfterMs({ 'retry-after': '7' })).toBe(7000);
	const usage = JSON.stringify({
		'123': [{ call_count: 100, estimated_time_to_regain_access: 3 }],
		'456': [{ call_count: 40, estimated_time_to_regain_access: 0 }],
	});
	expect(readRetryAfterMs({ 'x-business-use-case-usage': usage })).toBe(180_000);
	expect(readRetryAfterMs({ 'x-business-use-case-usage': usage, 'retry-after': '600' })).toBe(
		600_000,
	);
	expect(readRetryAfterMs({ 'x-business-use-case-usage': '{not json' })).toBeNull();
	expect(readRetryAfterMs({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' })).toBeNull();
	expect(readRetryAfterMs({})).toBeNull();
});

test.each([
	[400, { code: 80008 }, 'rate_limit', true],
	[400, { code: 4 }, 'rate_limit', true],
	[400, { code: 341 }, 'rate_limit', true],
	[400, { code: 80007 }, 'rate_limit', true],
	[400, { code: 32 }, 'rate_limit', true],
	[500, { code: 1 }, 'transient', true],
	[400, { code: 12345, is_transient: true }, 'transient', true],
	[400, { code: 190, error_subcode: 463 }, 'auth', false],
	[400, { code: 102 }, 'auth', false],
	[403, { code: 10 }, 'permission', false],
	[403, { code: 299 }, 'permission', false],
	[400, { code: 368 }, 'permission', false],
	[404, { code: 803 }, 'not_found', false],
	[400, { code: 100, error_subcode: 33 }, 'not_found', false],
	[400, { code: 100, message: 'Phone number already exists' }, 'duplicate', false],
	[400, { code: 100, error_user_msg: 'This number has already been added' }, 'duplicate', false],
	[400, { code: 100, message: 'Invalid parameter' }, 'validation', false],
	[422, { code: 100 }, 'validation', false],
])('HTTP %i with %j is %s (retryable %s)', (status, graph, category, retryable) => {
	expect(classifyGraphError(status, graph)).toEqual({ category, retryable });
});

test.each([
	[null, 'network'],
	[401, 'auth'],
	[403, 'permission'],
	[404, 'not_found'],
	[409, 'duplicate'],
	[429, 'rate_limit'],
	[400, 'validation'],
	[502, 'server'],
])('HTTP %p without a Graph body is %s', (status, category) => {
	expect(classifyHttpStatus(status).category).toBe(category);
});

test('errors thrown by the HTTP client keep only their code, never their text', () => {
	const axiosLike = Object.assign(new Error('socket hang up Authorization: Bearer EAAsecret'), {
		code: 'ECONNRESET',
	});
	const wrapped = Object.assign(new Error('wrapped'), { cause: axiosLike });
	const error = errorFromException(wrapped);
	expect(error.category).toBe('network');
	expect(error.message).toMatch(/ECONNRESET/);
	expect(error.message).not.toMatch(/EAAsecret/);
	expect(
		errorFromException(Object.assign(new Error('t'), { code: 'ECONNABORTED' })).message,
	).toMatch(/did not answer in time/);
});

test('credential settings are checked before any URL is built', () => {
	expect(validateApiVersion('v23.0')).toBe('v23.0');
	for (const bad of ['23.0', 'v23', 'v23.0/../me', 'v23.0?x=1', '', null, 7]) {
		expect(() => validateApiVersion(bad)).toThrow(/API Version/);
	}
	expect(validateBaseUrl('https://graph.facebook.com/')).toBe('https://graph.facebook.com');
	expect(validateBaseUrl('http://127.0.0.1:8080/proxy/')).toBe('http://127.0.0.1:8080/proxy');
	for (const bad of [
		'graph.facebook.com',
		'ftp://x',
		'https://user:pw@x',
		'https://x/?a=1',
		'https://x/#f',
		'',
	]) {
		expect(() => validateBaseUrl(bad)).toThrow(/Base URL/);
	}
});

test('redact removes every copy of the secret', () => {
	expect(redact('a EAAtok b EAAtok', 'EAAtok')).toBe('a [redacted] b [redacted]');
});

test('the Base URL may be http only for this machine: the token must not travel in clear text', () => {
	for (const local of [
		'http://localhost:8080',
		'http://127.0.0.1:18787',
		'http://127.1.2.3',
		'http://[::1]:9',
	]) {
		expect(() => validateBaseUrl(local)).not.toThrow();
	}
	for (const remote of [
		'http://graph.facebook.com',
		'http://10.0.0.5:8080',
		'http://proxy.example',
		'http://127.0.0.1.example',
	]) {
		expect(() => validateBaseUrl(remote)).toThrow(/unencrypted\. Use https:\/\//);
	}
	expect(validateBaseUrl('https://proxy.example/graph')).toBe('https://proxy.example/graph');
});

test.each([
	[133000, 'validation', false, /run Deregister again, then Register/],
	[133004, 'transient', true, /temporarily unavailable/],
	[133005, 'validation', false, /PIN does not match/],
	[133006, 'validation', false, /Verify the number first/],
	[133008, 'rate_limit', false, /Too many wrong PINs/],
	[133009, 'rate_limit', true, /too quickly/],
	[133010, 'validation', false, /run Register first/],
	[133015, 'transient', false, /wait 5 minutes/],
	[133016, 'rate_limit', false, /10 in 72 hours/],
])(
	"Meta's registration code %i is %s (retryable %s) with its own hint",
	(code, category, retryable, hint) => {
		const classified = classifyGraphError(400, { code });
		expect(classified).toMatchObject({ category, retryable });
		expect(classified.hint).toMatch(hint);
	},
);
