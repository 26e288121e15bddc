/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node.js, never inside n8n */
// A fake clock and a fake Meta budget for the pacer's unit tests: virtual time, so that a run of
// minutes takes milliseconds and never races the real clock.
import type {
	PacerClock,
	PacerTicket,
} from '../../nodes/WhatsAppBusinessManagement/transport/pacer';

export class FakeClock implements PacerClock {
	private time = 0;

	private readonly timers: Array<{ at: number; order: number; resolve: () => void }> = [];

	private order = 0;

	now(): number {
		return this.time;
	}

	async sleep(ms: number): Promise<void> {
		await new Promise<void>((resolve) =>
			this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, resolve }),
		);
	}

	/** Runs the timers due up to `ms`, then sets the time to it. */
	async advanceTo(ms: number): Promise<number> {
		await this.run(() => this.timers.every((timer) => timer.at > ms));
		this.time = Math.max(this.time, ms);
		return this.time;
	}

	/** Runs timers in time order until `done()` holds or nothing is left; returns the time. */
	async run(done: () => boolean, limitMs = 24 * 3_600_000): Promise<number> {
		for (;;) {
			// Let every promise that can move do so before time moves.
			for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
			if (done() || this.timers.length === 0) return this.time;
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const next = this.timers.shift() as { at: number; resolve: () => void };
			if (next.at > limitMs) throw new Error(`still running at ${limitMs} ms`);
			this.time = Math.max(this.time, next.at);
			next.resolve();
		}
	}
}

/** Meta's business budget: calls in a sliding window, integer percentages, whole-minute waits. */
export class FakeBudget {
	private readonly calls: number[] = [];

	highestPercent = 0;

	throttled = 0;

	accepted = 0;

	constructor(
		private readonly clock: FakeClock,
		readonly callsPerWindow: number,
		readonly windowMs: number,
		readonly businessId = '1234567890123456',
	) {}

	/** One call now: the usage headers Meta would answer with, and whether it was throttled. */
	call(): { headers: Record<string, string>; throttled: boolean } {
		const now = this.clock.now();
		while (this.calls.length > 0 && now - this.calls[0] >= this.windowMs) this.calls.shift();
		const throttled = this.calls.length >= this.callsPerWindow;
		if (throttled) this.throttled++;
		else {
			this.calls.push(now);
			this.accepted++;
		}
		const percent = Math.min(100, Math.round((this.calls.length / this.callsPerWindow) * 100));
		this.highestPercent = Math.max(this.highestPercent, percent);
		const regainMs = throttled ? this.calls[0] + this.windowMs - now : 0;
		return {
			throttled,
			headers: {
				'x-business-use-case-usage': JSON.stringify({
					[this.businessId]: [
						{ call_count: percent, estimated_time_to_regain_access: Math.ceil(regainMs / 60_000) },
					],
				}),
			},
		};
	}
}

/**
 * Sends `items` requests through a pacer the way the node does (Requests in Flight workers,
 * each request answered after `latencyMs`, a throttled one sent again after Meta's pause).
 * Resolves with the items that failed.
 */
export async function sendThrough(
	pacer: { acquire(): Promise<PacerTicket> },
	budget: FakeBudget,
	clock: FakeClock,
	options: { items: number; inFlight: number; latencyMs: number },
): Promise<{ failed: number; sent: number }> {
	let next = 0;
	let failed = 0;
	let sent = 0;
	const worker = async () => {
		while (next < options.items) {
			next++;
			for (;;) {
				let ticket;
				try {
					ticket = await pacer.acquire();
				} catch {
					failed++;
					break;
				}
				sent++;
				await clock.sleep(options.latencyMs / 2);
				const answer = budget.call();
				await clock.sleep(options.latencyMs / 2);
				ticket.done(answer.headers);
				if (!answer.throttled) break;
			}
		}
	};
	await Promise.all(Array.from({ length: options.inFlight }, worker));
	return { failed, sent };
}

/** Another system of the same business: one call every `everyMs`, until stopped. */
export function steadyNeighbour(budget: FakeBudget, clock: FakeClock, everyMs: number) {
	const state = { calls: 0, throttled: 0, stopped: false };
	void (async () => {
		while (!state.stopped) {
			await clock.sleep(everyMs);
			if (state.stopped) break;
			state.calls++;
			if (budget.call().throttled) state.throttled++;
		}
	})();
	return state;
}
