/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node.js, never inside n8n */
import { GraphApiError } from '../../nodes/WhatsAppBusinessManagement/transport/GraphApiError';
import { Pacer } from '../../nodes/WhatsAppBusinessManagement/transport/pacer';

const usage = (percent: number, regainMinutes = 0) => ({
	'x-business-use-case-usage': JSON.stringify({
		'1234567890123456': [{ call_count: percent, estimated_time_to_regain_access: regainMinutes }],
	}),
});

test('below 95% the window grows by one per answer; from 95% each rise halves it, down to one', () => {
	const pacer = new Pacer({ maxInFlight: 8, maxTotalWaitMs: 60_000 });
	expect(pacer.windowSize).toBe(8);
	pacer.observe(usage(95));
	expect(pacer.windowSize).toBe(4);
	pacer.observe(usage(95)); // no rise: hold
	expect(pacer.windowSize).toBe(4);
	pacer.observe(usage(96));
	pacer.observe(usage(97));
	pacer.observe(usage(98));
	expect(pacer.windowSize).toBe(1);
	pacer.observe(usage(60)); // calls left the window: speed up again, one step per answer
	expect(pacer.windowSize).toBe(2);
	for (let i = 0; i < 20; i++) pacer.observe(usage(50));
	expect(pacer.windowSize).toBe(8);
	// The app's usage counts as much as the business's.
	pacer.observe({ 'x-app-usage': JSON.stringify({ call_count: 99 }) });
	expect(pacer.windowSize).toBe(4);
});

test('requests beyond the window wait for an answer, and all go once the window is wide again', async () => {
	const pacer = new Pacer({ maxInFlight: 4, maxTotalWaitMs: 60_000 });
	pacer.observe(usage(96));
	pacer.observe(usage(97));
	expect(pacer.windowSize).toBe(1);
	const first = await pacer.acquire();
	let secondStarted = false;
	const second = pacer.acquire().then((release) => {
		secondStarted = true;
		return release;
	});
	await new Promise((resolve) => setImmediate(resolve));
	expect(secondStarted).toBe(false);
	first();
	(await second)();
	expect(secondStarted).toBe(true);
});

test('a wait Meta asks for pauses the whole run once, with up to 5% jitter, then one request at a time', async () => {
	const pacer = new Pacer({ maxInFlight: 4, maxTotalWaitMs: 60_000, random: () => 1 });
	const waitHeaders = { ...usage(100), 'retry-after': '1' };
	// Three requests in flight were throttled together: one pause, not three.
	pacer.observe(waitHeaders);
	pacer.observe(waitHeaders);
	pacer.observe(waitHeaders);
	// Max Total Wait counts Meta's wait, not the jitter.
	expect(pacer.pausedTotalMs).toBe(1000);
	expect(pacer.windowSize).toBe(1);
	const started = Date.now();
	(await pacer.acquire())();
	expect(Date.now() - started).toBeGreaterThanOrEqual(990);
});

test('a pause past Max Total Wait fails every request not yet sent at once, with the time Meta gave', async () => {
	const pacer = new Pacer({ maxInFlight: 2, maxTotalWaitMs: 30_000 });
	pacer.observe(usage(100, 2)); // two minutes
	const failures = await Promise.all(
		[1, 2, 3].map(
			async () =>
				await pacer.acquire().then(
					() => null,
					(error: unknown) => error,
				),
		),
	);
	for (const error of failures) {
		expect(error).toBeInstanceOf(GraphApiError);
		expect(error).toMatchObject({ category: 'rate_limit', retryAfterMs: 120_000 });
		expect((error as Error).message).toMatch(
			/access returns in about 2 min, more than the 30 s left of Max Total Wait/,
		);
	}
	expect(pacer.pausedTotalMs).toBe(0);
});

test('a wait Meta gives exactly as long as Max Total Wait is waited out: the jitter does not count', () => {
	const pacer = new Pacer({ maxInFlight: 1, maxTotalWaitMs: 300_000, random: () => 1 });
	pacer.observe(usage(100, 5)); // five minutes
	expect(pacer.pausedTotalMs).toBe(300_000);
	pacer.observe(usage(100, 5)); // the same pause, reported by a request that was in flight
	expect(pacer.pausedTotalMs).toBe(300_000);
});
