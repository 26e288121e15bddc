import { sleep } from 'n8n-workflow';

import { GraphApiError } from './GraphApiError';
import { readUsage } from './usageHeaders';

/** The share of Meta's budget a node run may use unless told otherwise; see Usage Ceiling. */
export const DEFAULT_USAGE_CEILING_PERCENT = 90;
/**
 * Meta's pauses are lengthened by up to this share, and at most PAUSE_JITTER_MAX_MS, so that
 * executions throttled together do not resume in step.
 */
export const PAUSE_JITTER = 0.05;
export const PAUSE_JITTER_MAX_MS = 2_000;
/** What one call is assumed to add to the usage (in points) until the run has measured it. */
const INITIAL_POINTS_PER_CALL = 1;
/** A rise of at least this many points between two answers is a measurement of one call's share. */
const MIN_RISE_TO_MEASURE = 3;
/**
 * Until it has seen Meta's window slide, a run stops this many calls' worth below its ceiling
 * (at most MAX_RESERVE points): room for the probes it sends meanwhile.
 */
const PROBES_RESERVED = 2;
const MAX_RESERVE = 20;
/** Probes come further apart each time, by more where each call counts more (see scheduleProbe). */
const MIN_PROBE_BACKOFF = 1.25;
const MAX_PROBE_BACKOFF = 3;
/** The share of the room above the ceiling the probes of a hold may spend (see scheduleProbe). */
const PROBE_ROOM_SHARE = 0.9;
/** How many first probe gaps a hold may last, for the probes' growth (see scheduleProbe). */
const HOLD_GUESS = 1_000;
const MIN_PROBE_GAP_MS = 20;
/**
 * The longest gap between probes is MAX_PROBE_GAP_MS, and longer by one such gap for each
 * CAP_POINTS points a call adds (many executions or a small budget make each probe dearer),
 * but never longer than a hold has been seen to last.
 */
const CAP_POINTS = 0.25;
const MAX_PROBE_GAP_MS = 30_000;
const LONGEST_PROBE_GAP_MS = 120_000;
/** How long a run waits after giving its turn to another before it looks again (see afterYield). */
const YIELD_WAIT_MS = 1;
/** How near the limit, in calls, requests go one at a time (see nearCeiling). */
const NEAR_CALLS = 50;
/** A run that has sent nothing for this long no longer shares the pacer's pauses and holds. */
const LANE_IDLE_MS = 10 * 60_000;

/** A run held at its ceiling. */
interface Hold {
	since: number;
	/** The highest usage seen while held: a fall below it means calls left Meta's window. */
	peak: number;
	/** Whether the usage has fallen below the peak in this hold. */
	fell: boolean;
	/** The usage the last answer found. */
	lastPercent: number;
	/** When the next probe may go (Infinity while one is on its way). */
	probeAt: number;
	/** The gap between probes: starts at `base`, grows while the usage does not fall. */
	gap: number;
	base: number;
}

export interface PacerClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export interface PacerSettings {
	/** The most requests in flight, as the node's Requests in Flight option allows. */
	maxInFlight: number;
	/** The most time this node run spends in pauses Meta asked for. */
	maxTotalWaitMs: number;
	/** The share of Meta's budget (percent, 1..100) this run may fill; the rest is left to others. */
	usageCeilingPercent?: number;
	/** 0..1; tests pass a fixed one. */
	random?: () => number;
	/** Tests pass a fake clock. */
	clock?: PacerClock;
}

/** One request let through: call done() with its answer's headers (none when it failed). */
export interface PacerTicket {
	done(headers?: Record<string, unknown>): void;
}

type Spent = { waitMs: number; leftMs: number; byOthers: boolean };

/**
 * One run's part of a pacer (node runs and trigger polls of one process share a pacer per
 * business): its own Requests in Flight and Max Total Wait, which are run settings of that run.
 */
export interface PacerLane {
	maxInFlight: number;
	inFlight: number;
	maxTotalWaitMs: number;
	/** Time this run spent in Meta's pauses (and in others' holds, see countHeldByOthers). */
	pausedMs: number;
	/** Set once a pause would pass this run's Max Total Wait. */
	spent: Spent | null;
	/** When the run last asked for or finished a request: lanes idle for long are forgotten. */
	lastActive: number;
	/** The pacer's count of requests sent when this run's last one went: turns go oldest first. */
	lastTurn: number;
}

export function newLane(settings: { maxInFlight: number; maxTotalWaitMs: number }): PacerLane {
	return {
		maxInFlight: Math.max(1, Math.floor(settings.maxInFlight)),
		inFlight: 0,
		maxTotalWaitMs: settings.maxTotalWaitMs,
		pausedMs: 0,
		spent: null,
		lastActive: 0,
		lastTurn: -1,
	};
}

const realClock: PacerClock = { now: () => Date.now(), sleep };

/**
 * Paces the requests spending one budget by what Meta reports: those of one run, or of every
 * run of a process that spends it (one lane each, see sharedPacers.ts), served in turn. Between
 * processes (queue-mode workers, other systems of the business) Meta's usage headers are the
 * only shared state, so each process steers by them; within one, below, "this run" is every lane.
 *
 * - Headroom: a request goes only while the usage Meta last reported, plus what was sent since
 *   (this run's calls not yet counted in it, or the rise of every caller at the speed last
 *   seen, whichever is more), stays under the ceiling. What one call adds is measured during the
 *   run's first fill as the rise in usage per call of this run: with other executions sending
 *   too, each own call is matched by theirs, so each run takes its share of the headroom and no
 *   more. Requests in Flight stays the upper bound.
 * - At the ceiling the run holds, and sends one request now and then (a probe) to learn when
 *   the usage falls: again soon when the last probe found it falling, further apart while it
 *   does not (30 s at most). Probes cost budget, so a run leaves room for them until it has
 *   seen the window slide, and each probes less often where each call counts more (several executions, or
 *   a small budget). Holding is pacing, not waiting: it does not count against Max Total Wait
 *   once the run has sent under the ceiling; a run that finds the usage held above its ceiling
 *   by others from the start counts it.
 * - When Meta throttles and says how long to wait, the whole run pauses that long plus a random
 *   0–5% (2 s at most). These pauses cost no attempts; they count against Max Total Wait, and
 *   when a pause would pass it, every request not yet sent fails at once as rate_limit with the
 *   time Meta gave.
 */
export class Pacer {
	private inFlight = 0;

	/** Requests sent by this run so far. */
	private sent = 0;

	/**
	 * The newest answer by send order: the usage it reported, how many of this run's requests
	 * went before it, and when it was sent.
	 */
	private reference: { percent: number; sentBefore: number; sentAt: number } | null = null;

	/** How fast the usage rises, in points per ms, every caller included. */
	private risePerMs = 0;

	/** Where the speed of the rise was last measured from. */
	private speedFrom: { percent: number; sentAt: number } | null = null;

	/** Where a rise was last measured from. */
	private riseFrom: { percent: number; sentBefore: number } | null = null;

	/** Points of usage one request of this run adds, as measured (conservative at first). */
	private pointsPerCall = INITIAL_POINTS_PER_CALL;

	private highestPercent = 0;

	private hold: Hold | null = null;

	/** Whether the run has been held at its ceiling at least once: its first fill is over. */
	private hasHeld = false;

	/** Whether the run has seen the usage fall while held: Meta's window has slid once. */
	private seenFall = false;

	/** The shortest time a hold took until the usage fell in it: how long holds last here. */
	private fallAfterMs: number | null = null;

	/** When the run last started filling up to the ceiling (its first request, or a hold's end). */
	private fillingSince: number | null = null;

	/** Whether this run has had an answer under its ceiling: holds after that are pacing. */
	private sentUnderCeiling = false;

	private pausedUntil = 0;

	/** The runs sending through this pacer lately: a pause or a hold counts against each. */
	private readonly lanes = new Set<PacerLane>();

	/** The lane of a pacer used without lanes (one run; the unit tests). */
	private readonly ownLane: PacerLane;

	/** Requests waiting for a turn here, every lane together and by lane (a run's first requests
	 * may still wait in the pacer it had before it joined this one: those do not count). */
	private waitingRequests = 0;

	private readonly waitingByLane = new Map<PacerLane, number>();

	private readonly waiting: Array<() => void> = [];

	private readonly ceiling: number;

	private readonly random: () => number;

	private readonly clock: PacerClock;

	constructor(settings: PacerSettings) {
		this.ownLane = newLane(settings);
		this.lanes.add(this.ownLane);
		this.ceiling = Math.min(
			100,
			Math.max(1, settings.usageCeilingPercent ?? DEFAULT_USAGE_CEILING_PERCENT),
		);
		this.random = settings.random ?? Math.random;
		this.clock = settings.clock ?? realClock;
	}

	/**
	 * Waits until a request of `lane`'s run may go; call the ticket's done() when its answer has
	 * arrived. Requests of several runs take turns: each waiting run's next request goes before a
	 * run's second one (every run waits in line behind the others' single requests).
	 */
	async acquire(lane: PacerLane = this.ownLane): Promise<PacerTicket> {
		this.lanes.add(lane);
		lane.lastActive = this.clock.now();
		this.waitingRequests++;
		this.waitingByLane.set(lane, (this.waitingByLane.get(lane) ?? 0) + 1);
		let turn: { sentBefore: number; sentAt: number };
		try {
			turn = await this.waitForTurn(lane);
		} finally {
			this.waitingRequests--;
			const left = (this.waitingByLane.get(lane) ?? 1) - 1;
			if (left > 0) this.waitingByLane.set(lane, left);
			else this.waitingByLane.delete(lane);
		}
		const { sentBefore, sentAt } = turn;
		let finished = false;
		return {
			done: (headers) => {
				if (finished) return;
				finished = true;
				this.inFlight--;
				lane.inFlight--;
				lane.lastActive = this.clock.now();
				if (headers) this.observe(headers, sentBefore, sentAt);
				// A probe that brought no usage (a failed request): the next one after the gap.
				if (this.hold?.probeAt === Infinity) this.scheduleProbe(this.clock.now(), false);
				this.wakeAll();
			},
		};
	}

	/**
	 * Round robin between runs: another waiting run goes first when it has fewer requests in
	 * flight, or as many and its last turn came before this one's. It is woken to take the turn;
	 * this one waits for the next news.
	 */
	private yieldTo(lane: PacerLane): boolean {
		for (const other of this.waitingByLane.keys()) {
			if (
				other !== lane &&
				!other.spent &&
				other.inFlight < other.maxInFlight &&
				(other.inFlight < lane.inFlight ||
					(other.inFlight === lane.inFlight && other.lastTurn < lane.lastTurn))
			) {
				this.wakeAll();
				return true;
			}
		}
		return false;
	}

	/**
	 * Looks again a moment after giving a turn away. A timer, not the next wake: the run given the
	 * turn may itself be waiting on a timer (a pause just over), and two runs giving their turns to
	 * it would otherwise wake each other forever without letting that timer fire.
	 */
	private async afterYield(): Promise<void> {
		await this.clock.sleep(YIELD_WAIT_MS);
	}

	/** Whether no request is in flight or waiting: the pacer's state may be dropped when idle. */
	get idle(): boolean {
		return this.inFlight === 0 && this.waitingRequests === 0;
	}

	/** Counts the request as sent the moment its turn comes, before any other request looks. */
	private take(lane: PacerLane): { sentBefore: number; sentAt: number } {
		lane.lastTurn = this.sent;
		lane.inFlight++;
		this.inFlight++;
		const sentAt = this.clock.now();
		this.fillingSince ??= sentAt;
		return { sentBefore: this.sent++, sentAt };
	}

	private async waitForTurn(lane: PacerLane): Promise<{ sentBefore: number; sentAt: number }> {
		for (;;) {
			if (lane.spent) throw budgetSpentError(lane.spent);
			const now = this.clock.now();
			const pause = this.pausedUntil - now;
			if (pause > 0) {
				await this.clock.sleep(pause);
				continue;
			}
			if (lane.inFlight >= lane.maxInFlight || (this.inFlight > 0 && this.nearCeiling())) {
				await this.nextWake();
				continue;
			}
			if (!this.hold && this.hasHeadroom(now)) {
				if (!this.yieldTo(lane)) return this.take(lane);
				await this.afterYield();
				continue;
			}
			// An answer on its way will bring news.
			if (this.inFlight > 0) {
				await this.nextWake();
				continue;
			}
			// At 100% the run uses the whole budget: single file up to Meta's limit, then Meta's
			// pause; nothing is held back for others.
			if (this.ceiling >= 100) {
				if (!this.yieldTo(lane)) return this.take(lane);
				await this.afterYield();
				continue;
			}
			if (!this.hold) this.startHold(now, this.reference?.percent ?? this.limit());
			const hold = this.hold as Hold;
			if (now >= hold.probeAt) {
				if (this.yieldTo(lane)) {
					await this.afterYield();
					continue;
				}
				// The probe: its answer sets the next one (see steer and done).
				hold.probeAt = Infinity;
				return this.take(lane);
			}
			await Promise.race([this.clock.sleep(hold.probeAt - now), this.nextWake()]);
		}
	}

	/**
	 * Steers by an answer's usage headers; a wait Meta asked for pauses the whole run.
	 * `sentBefore`: how many requests of this run went before the one answered (default: all);
	 * `sentAt`: when it was sent (default: now).
	 */
	observe(
		headers: Record<string, unknown>,
		sentBefore = Math.max(0, this.sent - 1),
		sentAt = this.clock.now(),
	): void {
		const { percent, waitMs } = readUsage(headers);
		if (percent !== null) this.steer(percent, sentBefore, sentAt);
		if (waitMs !== null && waitMs > 0) this.pause(waitMs);
	}

	/** Milliseconds the run of a pacer without lanes spent in Meta's pauses and others' holds. */
	get pausedTotalMs(): number {
		return this.ownLane.pausedMs;
	}

	/** The highest usage Meta reported to this run, in percent. */
	get highestUsagePercent(): number {
		return this.highestPercent;
	}

	/** Points of usage one request of this run adds, as measured so far. */
	get measuredPointsPerCall(): number {
		return this.pointsPerCall;
	}

	/** Whether the run is held at its ceiling. */
	get holding(): boolean {
		return this.hold !== null;
	}

	/**
	 * Whether the usage is within NEAR_CALLS calls of the limit after a first fill: there one
	 * request at a time, every run together, so that each answer is news before the next goes
	 * (several in flight near the ceiling overshoot it and lengthen the holds).
	 */
	private nearCeiling(): boolean {
		if (!this.hasHeld || !this.reference || this.ceiling >= 100) return false;
		return this.reference.percent + NEAR_CALLS * this.pointsPerCall >= this.limit();
	}

	/** The ceiling, less room for probes until the run has seen Meta's window slide. */
	private limit(): number {
		return this.ceiling - this.reserve();
	}

	/** Room for probes below the ceiling; none at 100%, where Meta's own limit stops the run. */
	private reserve(): number {
		if (this.seenFall || this.ceiling >= 100) return 0;
		return Math.min(MAX_RESERVE, PROBES_RESERVED * this.pointsPerCall);
	}

	private steer(percent: number, sentBefore: number, sentAt: number): void {
		const now = this.clock.now();
		this.highestPercent = Math.max(this.highestPercent, percent);
		if (!this.reference || sentBefore >= this.reference.sentBefore) {
			this.reference = { percent, sentBefore, sentAt };
			this.measureSpeed(percent, sentAt);
		}
		this.measure(percent, sentBefore);
		const hold = this.hold;
		if (hold) {
			if (percent <= hold.peak - MIN_RISE_TO_MEASURE && !hold.fell) {
				// Meta's window slid: the next holds will likely last about as long.
				hold.fell = true;
				this.seenFall = true;
				const fellAfter = now - hold.since;
				this.fallAfterMs =
					this.fallAfterMs === null ? fellAfter : (this.fallAfterMs + fellAfter) / 2;
			}
			hold.peak = Math.max(hold.peak, percent);
		}
		if (percent + this.pointsPerCall <= this.limit()) {
			this.sentUnderCeiling = true;
			if (hold) {
				this.hold = null;
				this.fillingSince = now;
			}
			return;
		}
		if (!hold) return;
		// Others hold the usage above this run's ceiling from the start: that counts as waiting.
		if (!this.sentUnderCeiling) this.countHeldByOthers(now);
		if (hold.probeAt === Infinity) this.scheduleProbe(now, percent < hold.lastPercent);
		hold.lastPercent = percent;
	}

	/**
	 * How fast the usage rises, from answers several points apart (integer percentages make
	 * neighbouring answers equal); between those, a slower rise than believed lowers it.
	 */
	private measureSpeed(percent: number, sentAt: number): void {
		const from = this.speedFrom;
		if (!from || percent < from.percent) {
			this.speedFrom = { percent, sentAt };
			this.risePerMs = 0;
			return;
		}
		const elapsed = sentAt - from.sentAt;
		if (elapsed <= 0) return;
		const risen = percent - from.percent;
		if (risen >= MIN_RISE_TO_MEASURE) {
			this.risePerMs = risen / elapsed;
			this.speedFrom = { percent, sentAt };
		} else {
			this.risePerMs = Math.min(this.risePerMs, (risen + 1) / elapsed);
		}
	}

	/** Learns, during the first fill, what one call adds from a rise over this run's own calls. */
	private measure(percent: number, sentBefore: number): void {
		const from = this.riseFrom;
		if (!from || percent < from.percent || sentBefore <= from.sentBefore) {
			if (!from || percent < from.percent) this.riseFrom = { percent, sentBefore };
			return;
		}
		if (percent - from.percent < MIN_RISE_TO_MEASURE) return;
		const sample = (percent - from.percent) / (sentBefore - from.sentBefore);
		// Halfway to the sample each time (integer percentages make single samples rough), at once
		// when it is far above (others started sending: take a smaller share); down during the
		// first fill only, since later calls leaving the window make a rise look cheaper than it is.
		if (sample > 1.5 * this.pointsPerCall) this.pointsPerCall = sample;
		else if (sample > this.pointsPerCall || !this.hasHeld)
			this.pointsPerCall = (this.pointsPerCall + sample) / 2;
		this.riseFrom = { percent, sentBefore };
	}

	/**
	 * Whether one more request keeps the usage, as estimated now, within the limit: the last
	 * answer's usage plus what came since, the larger of this run's own calls not yet counted in
	 * it and the rise of every caller at the speed last seen.
	 */
	private hasHeadroom(now: number): boolean {
		if (!this.reference) return true;
		const unseen = Math.max(0, this.sent - this.reference.sentBefore - 1) * this.pointsPerCall;
		const risen = this.risePerMs * (now - this.reference.sentAt);
		const estimate = this.reference.percent + Math.max(unseen, risen);
		return estimate + this.pointsPerCall <= this.limit();
	}

	/**
	 * Holds at the ceiling. Probes start a quarter of the last fill's time apart (short windows
	 * fill fast), or of the holds seen so far when shorter, times the points one call adds: where
	 * other executions share the budget each call counts more and each of them probes too, so
	 * each probes less often.
	 */
	private startHold(now: number, percent: number): void {
		this.hasHeld = true;
		const filling = now - (this.fillingSince ?? now);
		// Holds seen to end soon (a window sliding steadily) are probed as often as they last.
		const expected = Math.min(filling, this.fallAfterMs ?? Infinity);
		const base = Math.max(MIN_PROBE_GAP_MS, expected / 4) * Math.max(1, this.pointsPerCall);
		this.hold = {
			since: now,
			peak: percent,
			fell: false,
			lastPercent: percent,
			probeAt: now,
			gap: base,
			base,
		};
		this.hold.probeAt = now + this.jittered(base);
	}

	/**
	 * Sets the next probe: from the base gap again when the usage fell since the last answer,
	 * else further apart, by a factor G such that the probes of all executions held together,
	 * over a hold up to HOLD_GUESS first gaps long, fit in the room above the ceiling:
	 * pointsPerCall × log_G(HOLD_GUESS) ≤ room.
	 */
	private scheduleProbe(now: number, fell: boolean): void {
		const hold = this.hold;
		if (!hold) return;
		const room = (100 - this.ceiling + this.reserve()) * PROBE_ROOM_SHARE;
		// How many base gaps a hold may last: guessed at first, then twice what was seen.
		const gaps =
			this.fallAfterMs === null ? HOLD_GUESS : Math.max(4, (2 * this.fallAfterMs) / hold.base);
		const growth = gaps ** (this.pointsPerCall / Math.max(room, this.pointsPerCall));
		hold.gap = fell
			? hold.base
			: hold.gap * Math.min(MAX_PROBE_BACKOFF, Math.max(MIN_PROBE_BACKOFF, growth));
		hold.probeAt = now + this.jittered(hold.gap);
	}

	/** 0.5 to 1.5 times the gap (capped; see CAP_POINTS), so that executions held together do not probe in step. */
	private jittered(gap: number): number {
		const cap = Math.min(
			MAX_PROBE_GAP_MS * Math.max(1, this.pointsPerCall / CAP_POINTS),
			LONGEST_PROBE_GAP_MS,
			this.fallAfterMs ?? Infinity,
		);
		return Math.max(MIN_PROBE_GAP_MS, Math.min(cap, gap) * (0.5 + this.random()));
	}

	/** The runs of the last while (a run idle longer than a lane's wait is forgotten). */
	private activeLanes(now: number): PacerLane[] {
		for (const lane of this.lanes) {
			const busy = lane.inFlight > 0 || this.waitingByLane.has(lane) || lane === this.ownLane;
			if (!busy && now - lane.lastActive > LANE_IDLE_MS) this.lanes.delete(lane);
		}
		return [...this.lanes];
	}

	private countHeldByOthers(now: number): void {
		if (!this.hold) return;
		const held = now - this.hold.since;
		for (const lane of this.activeLanes(now)) {
			if (!lane.spent && held > lane.maxTotalWaitMs - lane.pausedMs) {
				lane.spent = { waitMs: held, leftMs: lane.maxTotalWaitMs - lane.pausedMs, byOthers: true };
			}
		}
		this.wakeAll();
	}

	private pause(waitMs: number): void {
		const now = this.clock.now();
		// Requests that were in flight together report the same wait: it is one pause.
		if (now + waitMs <= this.pausedUntil + Math.min(waitMs * PAUSE_JITTER, PAUSE_JITTER_MAX_MS))
			return;
		// Max Total Wait is spent by Meta's waits only: the jitter is ours, and must not fail a run
		// whose wait Meta said fits.
		const added = Math.max(0, now + waitMs - Math.max(now, this.pausedUntil));
		// Each run counts the pause against its own Max Total Wait; one it would pass fails.
		let waiting = false;
		for (const lane of this.activeLanes(now)) {
			if (lane.spent) continue;
			if (lane.pausedMs + added > lane.maxTotalWaitMs) {
				lane.spent = { waitMs, leftMs: lane.maxTotalWaitMs - lane.pausedMs, byOthers: false };
			} else {
				lane.pausedMs += added;
				waiting = true;
			}
		}
		if (!waiting) {
			this.wakeAll();
			return;
		}
		const jitter = Math.min(waitMs * PAUSE_JITTER, PAUSE_JITTER_MAX_MS) * this.random();
		this.pausedUntil = Math.max(this.pausedUntil, now + Math.ceil(waitMs + jitter));
		// After Meta's pause the usage is unknown until an answer says: one request, then steer.
		this.reference = null;
		this.risePerMs = 0;
		this.speedFrom = null;
		this.hold = null;
		this.fillingSince = null;
		this.wakeAll();
	}

	private nextWake(): Promise<void> {
		return new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	private wakeAll(): void {
		for (const wake of this.waiting.splice(0)) wake();
	}
}

function budgetSpentError(spent: Spent) {
	const left = Math.max(0, Math.floor(spent.leftMs / 1000));
	if (spent.byOthers) {
		return new GraphApiError({
			message: `Other callers of this business have held Meta's usage above this node's Usage Ceiling for ${Math.ceil(spent.waitMs / 1000)} s, more than the ${left} s left of Max Total Wait, so the node stopped sending and this item was not processed. Send it again later, or raise Usage Ceiling or Max Total Wait.`,
			category: 'rate_limit',
			retryable: false,
			retryAfterMs: null,
		});
	}
	const minutes = Math.ceil(spent.waitMs / 60_000);
	const wait =
		spent.waitMs >= 60_000 ? `about ${minutes} min` : `${Math.ceil(spent.waitMs / 1000)} s`;
	return new GraphApiError({
		message: `Meta's rate limit for this business is reached and access returns in ${wait}, more than the ${left} s left of Max Total Wait, so the node stopped sending and this item was not processed. Send it again later (route the error output to a Wait node), or raise Max Total Wait.`,
		category: 'rate_limit',
		retryable: false,
		retryAfterMs: spent.waitMs,
	});
}
