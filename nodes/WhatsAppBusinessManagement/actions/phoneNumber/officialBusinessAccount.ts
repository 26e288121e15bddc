import type { IDataObject } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import type { Context, GraphConnection } from '../../transport';

// A number's Official Business Account badge (Meta's "Official Business Account" page): Meta
// reads its status as a field of the number (NOT_STARTED until requested); the contract as an
// edge without NOT_STARTED (docs/meta-limits.md).

/** Meta accepts a new request 30 days after a rejection. */
export const OBA_RETRY_AFTER_DAYS = 30;

export interface ObaStatus {
	id: string;
	oba_status: string;
	status_message: string | null;
}

export async function readObaStatus(
	context: Context,
	connection: GraphConnection,
	id: string,
): Promise<ObaStatus> {
	const answer = await graphApiRequest.call(context, connection, {
		method: 'GET',
		path: edges.node(id),
		qs: { fields: 'id,official_business_account' },
	});
	const oba = (answer.official_business_account ?? {}) as IDataObject;
	return {
		id,
		oba_status: typeof oba.oba_status === 'string' ? oba.oba_status : 'NOT_STARTED',
		status_message: typeof oba.status_message === 'string' ? oba.status_message : null,
	};
}
