import { newLane, Pacer } from './pacer';
import type { PacerClock, PacerLane, PacerSettings, PacerTicket } from './pacer';
import { readBudgetOwner } from './usageHeaders';

// One pacer per budget per process. n8n runs every execution of a process (the main process, or
// each queue-mode worker) in the same Node.js process: node runs and trigger polls that spend the
// same business's budget through the same Base URL share one pacer, which knows exactly what they
// sent and when, instead of each guessing the others from Meta's usage. Other processes (other
// workers, instances, the business's other systems) are still read from Meta's headers.

/** A budget's pacer is dropped once nothing has gone through it for this long. */
export const SHARED_PACER_IDLE_MS = 15 * 60_000;

interface Entry {
	pacer: Pacer;
	lastUsed: number;
}

/** Budget key -> pacer. The key is the Base URL, the Usage Ceiling and the business: no token. */
const shared = new Map<string, Entry>();

/** How many budgets this process keeps a pacer for (tests check it stays bounded). */
export function sharedPacerCount(): number {
	return shared.size;
}

/** Drops the pacers of budgets idle for SHARED_PACER_IDLE_MS. */
function sweep(now: number): void {
	for (const [key, entry] of shared) {
		if (entry.pacer.idle && now - entry.lastUsed > SHARED_PACER_IDLE_MS) shared.delete(key);
	}
}

function entryFor(key: string, own: Pacer, now: number): Entry {
	sweep(now);
	const found = shared.get(key);
	if (found) {
		found.lastUsed = now;
		return found;
	}
	const entry = { pacer: own, lastUsed: now };
	shared.set(key, entry);
	return entry;
}

const realNow = () => Date.now();

/**
 * The pacer of one node run or trigger poll: its own until Meta's first answer names the
 * business whose budget it spends, then the process's pacer for that budget, in which it is one
 * lane with its own Requests in Flight and Max Total Wait.
 */
export class RunPacer {
	private pacer: Pacer;

	private entry: Entry | undefined;

	private readonly lane: PacerLane;

	private readonly clock: Pick<PacerClock, 'now'>;

	/**
	 * `budgetKey`: what besides the business tells budgets apart (the Base URL and the Usage
	 * Ceiling, so that runs with another ceiling keep to theirs); without it, no sharing.
	 */
	constructor(
		settings: PacerSettings,
		private readonly budgetKey?: string,
	) {
		this.lane = newLane(settings);
		this.pacer = new Pacer(settings);
		this.clock = settings.clock ?? { now: realNow };
	}

	async acquire(): Promise<PacerTicket> {
		if (this.entry) this.entry.lastUsed = this.clock.now();
		const ticket = await this.pacer.acquire(this.lane);
		return {
			done: (headers) => {
				ticket.done(headers);
				if (headers && !this.entry) this.share(headers);
			},
		};
	}

	private share(headers: Record<string, unknown>): void {
		if (this.budgetKey === undefined) return;
		const owner = readBudgetOwner(headers);
		if (owner === null) return;
		// The first run of a budget lends its pacer (and what it learned) to the others.
		this.entry = entryFor(`${this.budgetKey}|${owner}`, this.pacer, this.clock.now());
		this.pacer = this.entry.pacer;
	}
}
