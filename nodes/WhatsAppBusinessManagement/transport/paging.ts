import type { IDataObject } from 'n8n-workflow';

import { graphApiRequest } from './graphApi';
import type { Context, GraphConnection, GraphRequest } from './graphApi';

/** Meta's page size ceiling on the list edges this node reads. */
export const MAX_PAGE_SIZE = 100;

export interface GraphPage {
	data: IDataObject[];
	/** The cursor of the next page; undefined on the last one. */
	after?: string;
}

/** One page of a list edge, from `after` (the first page without it). */
export async function graphApiRequestPage(
	this: Context,
	connection: GraphConnection,
	request: GraphRequest,
	after?: string,
): Promise<GraphPage> {
	const body = await graphApiRequest.call(this, connection, {
		...request,
		qs: { ...request.qs, ...(after ? { after } : {}) },
	});
	const data = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const paging = (body.paging ?? {}) as { next?: unknown; cursors?: { after?: unknown } };
	const cursor = paging.cursors?.after;
	// The last page has no `next`; a repeated cursor or an empty page would loop forever.
	const last = !paging.next || typeof cursor !== 'string' || cursor === after || data.length === 0;
	return { data, after: last ? undefined : (cursor as string) };
}

/** Follows Meta's cursors until `limit` entries (all of them by default) or the last page. */
export async function graphApiRequestAllItems(
	this: Context,
	connection: GraphConnection,
	request: GraphRequest,
	{ limit = Infinity, pageSize = MAX_PAGE_SIZE }: { limit?: number; pageSize?: number } = {},
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	let after: string | undefined;
	for (;;) {
		const wanted = Math.min(pageSize, limit - found.length);
		const page = await graphApiRequestPage.call(
			this,
			connection,
			{ ...request, qs: { ...request.qs, limit: wanted } },
			after,
		);
		found.push(...page.data);
		if (found.length >= limit) return found.slice(0, limit);
		if (!page.after) return found;
		after = page.after;
	}
}
