import { sleep } from 'n8n-workflow';

import { readUsage } from './usageHeaders';

/** Above this share of Meta's budget, requests go one at a time. */
const SINGLE_FILE_PERCENT = 90;

/**
 * Paces the requests of one node run by what Meta reports. Meta's usage headers are the only
 * shared state: nothing is kept between executions, so several executions (or queue-mode
 * workers) against one budget each see the others' calls in the same headers and slow down.
 */
export class Pacer {
	private pausedUntil = 0;

	private usagePercent = 0;

	private singleFile: Promise<void> = Promise.resolve();

	/** Waits until a request may go; call the returned function when its answer has arrived. */
	async acquire(): Promise<() => void> {
		for (;;) {
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.usagePercent < SINGLE_FILE_PERCENT) return () => {};
			// Near the limit: one request at a time, so at most one bounces off the limit.
			const previous = this.singleFile;
			let release = () => {};
			this.singleFile = new Promise((resolve) => (release = resolve));
			await previous;
			if (this.pausedUntil > Date.now()) {
				release();
				continue;
			}
			return release;
		}
	}

	/** Records what an answer said: the highest usage percentage, and any wait Meta asked for. */
	observe(headers: Record<string, unknown>): void {
		const { percent, waitMs } = readUsage(headers);
		if (percent !== null) this.usagePercent = percent;
		if (waitMs !== null && waitMs > 0) {
			this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
		}
	}
}
