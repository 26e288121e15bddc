/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node.js, never inside n8n */
// The pacer on a fake clock against a fake Meta budget (sliding window, integer percentages,
// whole-minute waits), and Meta's pauses on the real clock.
import { GraphApiError } from '../../nodes/WhatsAppBusinessManagement/transport/GraphApiError';
import { Pacer } from '../../nodes/WhatsAppBusinessManagement/transport/pacer';
import type { PacerSettings } from '../../nodes/WhatsAppBusinessManagement/transport/pacer';
import { FakeBudget, FakeClock, sendThrough, steadyNeighbour } from '../helpers/fakeBudget';

const usage = (percent: number, regainMinutes = 0) => ({
	'x-business-use-case-usage': JSON.stringify({
		'1234567890123456': [{ call_count: percent, estimated_time_to_regain_access: regainMinutes }],
	}),
});

/** A seeded 0..1 generator, so that the jitter of each case is the same every run. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

interface Case {
	callsPerWindow: number;
	windowMs: number;
	runs: number;
	itemsPerRun: number;
	neighbourShare?: number;
	ceiling?: number;
	seed?: number;
}

/** Runs of the pacer (4 in flight each, 20 ms answers) on one fake budget; virtual time. */
async function simulate(c: Case) {
	const clock = new FakeClock();
	const budget = new FakeBudget(clock, c.callsPerWindow, c.windowMs);
	// The neighbour has been calling for a window already when the node starts.
	const neighbour = c.neighbourShare
		? steadyNeighbour(budget, clock, c.windowMs / (c.callsPerWindow * c.neighbourShare))
		: undefined;
	const started = neighbour ? await clock.advanceTo(c.windowMs) : 0;
	const random = seeded(c.seed ?? 1);
	const pacers = Array.from(
		{ length: c.runs },
		() =>
			new Pacer({
				maxInFlight: 4,
				maxTotalWaitMs: 300_000,
				usageCeilingPercent: c.ceiling,
				clock,
				random,
			} satisfies PacerSettings),
	);
	let finished = 0;
	const results = pacers.map(async (pacer) => {
		const result = await sendThrough(pacer, budget, clock, {
			items: c.itemsPerRun,
			inFlight: 4,
			latencyMs: 20,
		});
		finished++;
		return result;
	});
	const wallMs = (await clock.run(() => finished === c.runs)) - started;
	if (neighbour) neighbour.stopped = true;
	const outcomes = await Promise.all(results);
	// The ideal at the ceiling: bursts of exactly its share (less the neighbour's) each window.
	const share = (c.ceiling ?? 90) / 100 - (c.neighbourShare ?? 0);
	const perWindow = Math.floor(c.callsPerWindow * share);
	const idealMs = (Math.ceil((c.runs * c.itemsPerRun) / perWindow) - 1) * c.windowMs;
	return {
		wallMs,
		ratio: wallMs / idealMs,
		failed: outcomes.reduce((sum, o) => sum + o.failed, 0),
		throttled: budget.throttled,
		highest: budget.highestPercent,
		neighbour,
		pacers,
	};
}

const SHORT = { callsPerWindow: 150, windowMs: 4_000 };
const LONG = { callsPerWindow: 1_000, windowMs: 300_000 };

// The bench's cases on a fake clock, two seeds each: what the controller promises, checked
// without timing anything.
describe.each([1, 2])('holding Meta usage under the ceiling (fake clock, seed %i)', (seed) => {
	test.each([
		['a 4 s window of 150 calls', SHORT, 600, 1.5],
		['a 5-minute window of 1,000 calls', LONG, 2_000, 1.2],
	] as const)(
		'one run, %s: never throttled, usage at most the ceiling plus 5',
		async (_, budget, items, bound) => {
			const r = await simulate({ ...budget, runs: 1, itemsPerRun: items, seed });
			expect(r).toMatchObject({ failed: 0, throttled: 0 });
			expect(r.highest).toBeLessThanOrEqual(95);
			expect(r.ratio).toBeLessThanOrEqual(bound);
		},
	);

	test.each([
		['a 4 s window', SHORT],
		['a 5-minute window', LONG],
	] as const)(
		"ten runs on one budget, %s, settle under Meta's limit together",
		async (_, budget) => {
			const r = await simulate({ ...budget, runs: 10, itemsPerRun: 200, seed });
			expect(r).toMatchObject({ failed: 0, throttled: 0 });
			expect(r.ratio).toBeLessThanOrEqual(1.5);
			// Each run measured a larger share per call than it would alone: the others' calls count.
			for (const pacer of r.pacers) {
				expect(pacer.measuredPointsPerCall).toBeGreaterThan((2 * 100) / budget.callsPerWindow);
			}
		},
	);

	test.each([
		['a 4 s window', SHORT, 600],
		['a 5-minute window', LONG, 2_000],
	] as const)(
		'beside a steady neighbour at 10%%, %s, the neighbour is never throttled',
		async (_, budget, items) => {
			const r = await simulate({
				...budget,
				runs: 1,
				itemsPerRun: items,
				neighbourShare: 0.1,
				seed,
			});
			expect(r).toMatchObject({ failed: 0, throttled: 0 });
			expect(r.neighbour?.calls).toBeGreaterThan(50);
			expect(r.neighbour?.throttled).toBe(0);
			expect(r.highest).toBeLessThanOrEqual(97);
			expect(r.ratio).toBeLessThanOrEqual(1.5);
		},
	);

	test.each([
		['one run', 1, 2_000],
		['ten runs', 10, 200],
	] as const)('a ceiling of 100 uses the whole budget as before, %s', async (_, runs, items) => {
		const r = await simulate({ ...LONG, runs, itemsPerRun: items, ceiling: 100, seed });
		expect(r.failed).toBe(0);
		// Meta's limit is met once per run and waited out; about as fast as the whole budget allows.
		expect(r.throttled).toBeLessThanOrEqual(runs);
		expect(r.ratio).toBeLessThanOrEqual(1.1);
	});
});

test('alone, a run measures what one call adds: 100 / budget points', async () => {
	const r = await simulate({ ...LONG, runs: 1, itemsPerRun: 800 });
	expect(r.pacers[0].measuredPointsPerCall).toBeGreaterThan(0.05);
	expect(r.pacers[0].measuredPointsPerCall).toBeLessThan(0.2);
	expect(r.pacers[0].highestUsagePercent).toBe(80);
});

test('at the ceiling the run holds: nothing goes until a probe, then one request only', async () => {
	const clock = new FakeClock();
	const pacer = new Pacer({ maxInFlight: 4, maxTotalWaitMs: 60_000, clock, random: () => 0.5 });
	const first = await pacer.acquire();
	first.done(usage(90));
	let sent = 0;
	const acquiring = [pacer.acquire(), pacer.acquire()].map(async (ticket) => {
		await ticket;
		sent++;
	});
	for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
	expect(pacer.holding).toBe(true);
	expect(sent).toBe(0);
	await clock.run(() => sent > 0);
	// The probe goes after a gap; the second request waits for the probe's answer.
	expect(sent).toBe(1);
	expect(clock.now()).toBeGreaterThan(0);
	void acquiring;
});

test('others holding the usage above the ceiling from the start count against Max Total Wait', async () => {
	const clock = new FakeClock();
	const pacer = new Pacer({ maxInFlight: 1, maxTotalWaitMs: 30_000, clock, random: () => 0.5 });
	let failure: unknown;
	const done = (async () => {
		try {
			for (;;) (await pacer.acquire()).done(usage(97));
		} catch (error) {
			failure = error;
		}
	})();
	await clock.run(() => failure !== undefined);
	await done;
	expect(failure).toBeInstanceOf(GraphApiError);
	expect(failure).toMatchObject({ category: 'rate_limit' });
	expect((failure as Error).message).toMatch(/held Meta's usage above this node's Usage Ceiling/);
	expect(clock.now()).toBeGreaterThanOrEqual(30_000);
	expect(clock.now()).toBeLessThan(120_000);
});

test('a wait Meta asks for pauses the whole run once, with up to 5% jitter', async () => {
	const pacer = new Pacer({ maxInFlight: 4, maxTotalWaitMs: 60_000, random: () => 1 });
	const waitHeaders = { ...usage(100), 'retry-after': '1' };
	// Three requests in flight were throttled together: one pause, not three.
	pacer.observe(waitHeaders);
	pacer.observe(waitHeaders);
	pacer.observe(waitHeaders);
	// Max Total Wait counts Meta's wait, not the jitter.
	expect(pacer.pausedTotalMs).toBe(1000);
	const started = Date.now();
	(await pacer.acquire()).done();
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
