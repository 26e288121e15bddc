import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { graphApiRequestPage, MAX_PAGE_SIZE } from '../transport';
import type { GraphConnection, GraphRequest } from '../transport';

// A watched list read whole, page by page, within n8n's poll budget: a list too long for one
// poll (paced under the Usage Ceiling, a big pool can take longer than a poll may) is read over
// several polls, its pages kept in the node's state until it is whole.

/** A read that did not fit in one poll: the pages so far and where the next one starts. */
export interface Reading extends IDataObject {
	key: string;
	after: string;
	numbers: IDataObject[];
}

/** A poll stops reading pages once this share of n8n's poll budget could be passed. */
export const POLL_BUDGET_SHARE = 0.75;

/** n8n 2.x gives each poll a time budget; 1.x has none. */
export function pollBudgetMs(context: IPollFunctions): number {
	const budget = (context as { getPollBudgetMs?: () => number }).getPollBudgetMs?.();
	return typeof budget === 'number' && budget > 0 ? budget : Infinity;
}

/**
 * The whole list, page by page, continuing a read an earlier poll left unfinished in
 * `state[slot]`; or null when the next page might not fit in this poll's budget, with the pages
 * read so far kept there.
 */
export async function readList(
	this: IPollFunctions,
	connection: GraphConnection,
	request: GraphRequest,
	state: IDataObject,
	key: string,
	slot: string,
): Promise<IDataObject[] | null> {
	const budgetMs = pollBudgetMs(this);
	const started = Date.now();
	const kept = state[slot] as Reading | undefined;
	const resumed = kept?.key === key ? kept : undefined;
	const numbers = resumed?.numbers ?? [];
	let after = resumed?.after;
	// Kept again only when this poll stops early: after a failed page (a cursor from an earlier
	// poll may have expired), the next poll reads from the start.
	delete state[slot];
	let slowestPageMs = 0;
	for (;;) {
		const pageStarted = Date.now();
		const page = await graphApiRequestPage.call(
			this,
			connection,
			{ ...request, qs: { ...request.qs, limit: MAX_PAGE_SIZE } },
			after,
		);
		slowestPageMs = Math.max(slowestPageMs, Date.now() - pageStarted);
		numbers.push(...page.data);
		if (!page.after) return numbers;
		after = page.after;
		if (Date.now() - started + 2 * slowestPageMs > budgetMs * POLL_BUDGET_SHARE) {
			state[slot] = { key, after, numbers } satisfies Reading;
			return null;
		}
	}
}
