// When the fleet watch reads each client WABA: every WABA once per interval, spread evenly over
// the polls, and no poll asking more than its share of the interval's requests. Pure: the
// trigger keeps the due times and counts what it sent.

export interface FleetLoad {
	/** WABAs watched. */
	wabas: number;
	/** Requests one WABA's read takes (its numbers, and its templates when watched). */
	perWaba: number;
	/** Pages of the client list, read once per interval. */
	listPages: number;
	/** Polls per interval (the interval over the time between polls, at least 1). */
	polls: number;
}

/**
 * The requests one poll may send: the interval's work (every WABA once, the list once) spread
 * evenly over its polls. For 500 WABAs of 2 requests, 5 list pages and 30 polls: 34, which is
 * ceil(500 / 30) x 2.
 */
export function requestsPerPoll(load: FleetLoad): number {
	const work = load.wabas * load.perWaba + load.listPages;
	return Math.max(load.perWaba, Math.ceil(work / Math.max(1, load.polls)));
}

/** Polls per interval, from the time between the last two polls (a minute before the second). */
export function pollsPerInterval(intervalMs: number, sinceLastPollMs: number | undefined): number {
	const period = Math.min(Math.max(sinceLastPollMs ?? 60_000, 1_000), intervalMs);
	// Rounded: n8n's polls a minute apart come a few ms later than that.
	return Math.max(1, Math.round(intervalMs / period));
}

/**
 * First due times for WABAs read for the first time at once (a baseline): evenly over the
 * interval's polls, in the order given, so that each poll of the first interval takes its share
 * (with one poll an interval, all of them now).
 */
export function spreadDue(
	ids: string[],
	now: number,
	intervalMs: number,
	polls: number,
): Record<string, number> {
	const due: Record<string, number> = {};
	const count = Math.max(1, ids.length);
	ids.forEach((id, index) => {
		due[id] = now + Math.floor((index * polls) / count) * (intervalMs / polls);
	});
	return due;
}

/**
 * The WABAs due by this poll, the most overdue first. A poll counts as on time for what falls
 * due up to half a poll after it: polls come at n8n's ticks, a few ms early or late, and a WABA
 * due a moment after its tick would otherwise wait a whole poll (read every interval plus one).
 */
export function dueNow(due: Record<string, number>, now: number, pollMs: number): string[] {
	return Object.entries(due)
		.filter(([, at]) => at <= now + pollMs / 2)
		.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
		.map(([id]) => id);
}
