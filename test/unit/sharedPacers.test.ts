// One pacer per budget per process (issue 27), on a fake clock against a fake Meta budget: ten
// executions of one process spend one budget as one caller and never pass the ceiling; a small
// execution is not queued behind a big one; the pacers of idle budgets are dropped, so that a
// process that served 10,000 businesses keeps only those of the last minutes.
import type { PacerSettings } from '../../nodes/WhatsAppBusinessManagement/transport/pacer';
import {
	RunPacer,
	SHARED_PACER_IDLE_MS,
	sharedPacerCount,
} from '../../nodes/WhatsAppBusinessManagement/transport/sharedPacers';
import { FakeBudget, FakeClock, sendThrough } from '../helpers/fakeBudget';

const SHORT = { callsPerWindow: 150, windowMs: 4_000 };
const LONG = { callsPerWindow: 1_000, windowMs: 300_000 };

/** A seeded 0..1 generator, so that the jitter of each case is the same every run. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

let keys = 0;
/** A Base URL of its own per case: the registry is the process's, as in n8n. */
const newBudgetKey = () => `http://127.0.0.1:${40_000 + keys++}|90`;

function runPacer(clock: FakeClock, key: string | undefined, seed: number, inFlight = 1) {
	const settings: PacerSettings = {
		maxInFlight: inFlight,
		maxTotalWaitMs: 300_000,
		clock,
		random: seeded(seed),
	};
	return new RunPacer(settings, key);
}

/** `runs` executions of `items` rows each, default options, on one budget; virtual time. */
async function executions(
	budget: { callsPerWindow: number; windowMs: number },
	runs: number,
	items: number,
	shared: boolean,
	seed: number,
) {
	const clock = new FakeClock();
	const meta = new FakeBudget(clock, budget.callsPerWindow, budget.windowMs);
	const key = shared ? newBudgetKey() : undefined;
	let finished = 0;
	const results = Array.from({ length: runs }, async (_, i) => {
		const result = await sendThrough(runPacer(clock, key, seed * 100 + i), meta, clock, {
			items,
			inFlight: 1,
			latencyMs: 20,
		});
		finished++;
		return result;
	});
	const wallMs = await clock.run(() => finished === runs);
	const outcomes = await Promise.all(results);
	const perWindow = Math.floor(budget.callsPerWindow * 0.9);
	const idealMs = (Math.ceil((runs * items) / perWindow) - 1) * budget.windowMs;
	return {
		ratio: wallMs / idealMs,
		failed: outcomes.reduce((sum, o) => sum + o.failed, 0),
		throttled: meta.throttled,
		highest: meta.highestPercent,
	};
}

// Issue 27's target: 1.15× at both scales. Measured here (seeds 1-5): 1.07-1.08× at 5 minutes,
// 1.08-1.12× at 4 s. Ten separate pacers, as before, throttled at 4 s with 2 of those 5 seeds.
describe.each([1, 2, 3, 4, 5])('ten executions in one process (fake clock, seed %i)', (seed) => {
	test.each([
		['a 4 s window of 150 calls', SHORT, 1.15],
		['a 5-minute window of 1,000 calls', LONG, 1.15],
	] as const)(
		'%s: one pacer, never throttled, usage at most the ceiling plus 6',
		async (_, budget, bound) => {
			const r = await executions(budget, 10, 200, true, seed);
			expect(r).toMatchObject({ failed: 0, throttled: 0 });
			expect(r.highest).toBeLessThanOrEqual(96);
			expect(r.ratio).toBeLessThanOrEqual(bound);
		},
	);
});

test('a 5-row execution started during a 2,000-row one finishes within one window of its time alone', async () => {
	const timeAlone = async () => {
		const clock = new FakeClock();
		const meta = new FakeBudget(clock, SHORT.callsPerWindow, SHORT.windowMs);
		let done = false;
		void sendThrough(runPacer(clock, newBudgetKey(), 7), meta, clock, {
			items: 5,
			inFlight: 1,
			latencyMs: 20,
		}).then(() => (done = true));
		return await clock.run(() => done);
	};
	const alone = await timeAlone();

	const clock = new FakeClock();
	const meta = new FakeBudget(clock, SHORT.callsPerWindow, SHORT.windowMs);
	const key = newBudgetKey();
	let bigDone = false;
	const big = sendThrough(runPacer(clock, key, 1), meta, clock, {
		items: 2_000,
		inFlight: 1,
		latencyMs: 20,
	}).then((r) => {
		bigDone = true;
		return r;
	});
	// Well into the big run: Meta's usage is held at the ceiling.
	const startedAt = await clock.advanceTo(10_000);
	let smallDoneAt = 0;
	const small = sendThrough(runPacer(clock, key, 2), meta, clock, {
		items: 5,
		inFlight: 1,
		latencyMs: 20,
	}).then((r) => {
		smallDoneAt = clock.now();
		return r;
	});
	await clock.run(() => bigDone);
	expect((await small).failed).toBe(0);
	expect((await big).failed).toBe(0);
	expect(meta.throttled).toBe(0);
	expect(smallDoneAt - startedAt).toBeLessThanOrEqual(alone + SHORT.windowMs);
});

test('after 10,000 runs of different businesses, only the budgets used in the last 15 minutes keep a pacer', async () => {
	const clock = new FakeClock();
	for (let i = 0; i < 10_000; i++) {
		// A run a second, each for another business.
		await clock.advanceTo(i * 1_000);
		const meta = new FakeBudget(clock, 1_000, 3_600_000, String(5_000_000_000_000 + i));
		const ticket = await runPacer(clock, 'http://127.0.0.1:1|90', i).acquire();
		ticket.done(meta.call().headers);
	}
	const window = Math.ceil(SHARED_PACER_IDLE_MS / 1_000) + 1;
	// (The earlier cases' pacers, idle on their own clocks, are dropped as well.)
	expect(sharedPacerCount()).toBeLessThanOrEqual(window);
	expect(sharedPacerCount()).toBeGreaterThan(window - 10);
	// Later, one more run: every idle budget's pacer is dropped.
	await clock.advanceTo(10_000 * 1_000 + SHARED_PACER_IDLE_MS + 1);
	const ticket = await runPacer(clock, 'http://127.0.0.1:1|90', 1).acquire();
	ticket.done(new FakeBudget(clock, 1_000, 3_600_000, '9999999999999999').call().headers);
	expect(sharedPacerCount()).toBe(1);
});

test('two tokens of one business share a pacer; another business, Base URL or Usage Ceiling does not', async () => {
	const clock = new FakeClock();
	const start = sharedPacerCount();
	const answer = (business: string) =>
		new FakeBudget(clock, 1_000, 3_600_000, business).call().headers;
	for (const [key, business] of [
		['http://127.0.0.1:2|90', '1111111111111111'],
		['http://127.0.0.1:2|90', '1111111111111111'],
		['http://127.0.0.1:2|90', '2222222222222222'],
		['http://127.0.0.1:3|90', '1111111111111111'],
		['http://127.0.0.1:2|100', '1111111111111111'],
	]) {
		const ticket = await runPacer(clock, key, 1).acquire();
		ticket.done(answer(business));
	}
	expect(sharedPacerCount() - start).toBe(4);
});
