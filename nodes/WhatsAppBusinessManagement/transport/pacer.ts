import { sleep } from 'n8n-workflow';

import { GraphApiError } from './GraphApiError';
import { readUsage } from './usageHeaders';

/** From this share of Meta's budget on, each rise halves the requests in flight. */
export const BACKOFF_PERCENT = 95;
/**
 * Meta's pauses are lengthened by up to this share, and at most PAUSE_JITTER_MAX_MS, so that
 * executions throttled together do not resume in step.
 */
export const PAUSE_JITTER = 0.05;
export const PAUSE_JITTER_MAX_MS = 2_000;

export interface PacerSettings {
	/** The most requests in flight, as the node's Requests in Flight option allows. */
	maxInFlight: number;
	/** The most time this node run spends in pauses Meta asked for. */
	maxTotalWaitMs: number;
	/** 0..1; tests pass a fixed one. */
	random?: () => number;
}

/**
 * Paces the requests of one node run by what Meta reports, without a coordinator: Meta's usage
 * headers are the only state shared by every execution and queue-mode worker spending the
 * same budget, so each run steers by them alone.
 *
 * - Below BACKOFF_PERCENT the window of requests in flight grows by one per answer, up to the
 *   option's value (additive increase).
 * - From BACKOFF_PERCENT on, each answer that shows the usage still rising halves the window,
 *   down to one (multiplicative decrease), so a run crosses the limit with one request at most.
 * - When Meta throttles and says how long to wait, the whole run pauses that long plus a random
 *   0–5% (2 s at most), then starts again with one request in flight. These pauses cost no
 *   attempts; they count against Max Total Wait, and when a pause would pass it, every request
 *   not yet sent fails at once as rate_limit with the time Meta gave.
 */
export class Pacer {
	/** Requests allowed in flight now: the option's value at first. */
	private window: number;

	private inFlight = 0;

	private lastPercent = 0;

	private pausedUntil = 0;

	private pausedMs = 0;

	/** Set once a pause Meta asked for would pass Max Total Wait: Meta's wait and what was left. */
	private spent: { waitMs: number; leftMs: number } | null = null;

	private readonly waiting: Array<() => void> = [];

	private readonly maxInFlight: number;

	private readonly random: () => number;

	constructor(private readonly settings: PacerSettings) {
		this.maxInFlight = Math.max(1, Math.floor(settings.maxInFlight));
		this.window = this.maxInFlight;
		this.random = settings.random ?? Math.random;
	}

	/** Waits until a request may go; call the returned function when its answer has arrived. */
	async acquire(): Promise<() => void> {
		for (;;) {
			if (this.spent) throw budgetSpentError(this.spent.waitMs, this.spent.leftMs);
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.inFlight < this.window) break;
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.inFlight++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
			this.waiting.shift()?.();
		};
	}

	/** Steers by an answer's usage headers; a wait Meta asked for pauses the whole run. */
	observe(headers: Record<string, unknown>): void {
		const { percent, waitMs } = readUsage(headers);
		if (percent !== null) {
			if (percent < BACKOFF_PERCENT) this.setWindow(this.window + 1);
			else if (percent > this.lastPercent || percent >= 100)
				this.setWindow(Math.floor(this.window / 2));
			this.lastPercent = percent;
		}
		if (waitMs !== null && waitMs > 0) this.pause(waitMs);
	}

	/** Requests allowed in flight now. */
	get windowSize(): number {
		return this.window;
	}

	/** Milliseconds this run has spent (or will spend) in Meta's pauses. */
	get pausedTotalMs(): number {
		return this.pausedMs;
	}

	private setWindow(size: number): void {
		this.window = Math.min(this.maxInFlight, Math.max(1, size));
		// A wider window lets waiting requests go now, not when the next answer arrives.
		for (let free = this.window - this.inFlight; free > 0 && this.waiting.length > 0; free--) {
			this.waiting.shift()?.();
		}
	}

	private pause(waitMs: number): void {
		const now = Date.now();
		// Requests that were in flight together report the same wait: it is one pause.
		if (now + waitMs <= this.pausedUntil + Math.min(waitMs * PAUSE_JITTER, PAUSE_JITTER_MAX_MS))
			return;
		// Max Total Wait is spent by Meta's waits only: the jitter is ours, and must not fail a run
		// whose wait Meta said fits.
		const added = Math.max(0, now + waitMs - Math.max(now, this.pausedUntil));
		if (this.pausedMs + added > this.settings.maxTotalWaitMs) {
			this.spent = { waitMs, leftMs: this.settings.maxTotalWaitMs - this.pausedMs };
			this.wakeAll();
			return;
		}
		const jitter = Math.min(waitMs * PAUSE_JITTER, PAUSE_JITTER_MAX_MS) * this.random();
		this.pausedMs += added;
		this.pausedUntil = Math.max(this.pausedUntil, now + Math.ceil(waitMs + jitter));
		this.window = 1;
		this.wakeAll();
	}

	private wakeAll(): void {
		for (const wake of this.waiting.splice(0)) wake();
	}
}

function budgetSpentError(waitMs: number, leftMs: number): GraphApiError {
	const minutes = Math.ceil(waitMs / 60_000);
	const wait = waitMs >= 60_000 ? `about ${minutes} min` : `${Math.ceil(waitMs / 1000)} s`;
	return new GraphApiError({
		message: `Meta's rate limit for this business is reached and access returns in ${wait}, more than the ${Math.max(0, Math.floor(leftMs / 1000))} s left of Max Total Wait, so the node stopped sending and this item was not processed. Send it again later (route the error output to a Wait node), or raise Max Total Wait.`,
		category: 'rate_limit',
		retryable: false,
		retryAfterMs: waitMs,
	});
}
