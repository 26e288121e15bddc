import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Change } from '../helpers/changes';
import { withExpiry } from '../helpers/graphTime';
import { readHealthStatus } from '../helpers/healthStatus';
import { withPlainStatus } from '../helpers/phoneNumberView';
import { withPlainQuality } from '../helpers/templateView';
import { HEALTH_EVENT, REVIEW_EVENT, TEMPLATE_EVENTS } from './sources';

// The one place a watch turns a change into the item it emits: the thing's fields as the
// node's operations give them, the change, and where it belongs (business, WABA, client).

function withoutId(fields: IDataObject): IDataObject {
	const { id, ...rest } = fields;
	return id === undefined ? fields : rest;
}

/** The changed thing's fields, in the form the node's Get gives them. */
function fieldsOf(change: Change, pool: boolean): IDataObject {
	if (pool) return withExpiry(change.fields);
	if (TEMPLATE_EVENTS.includes(change.event)) return withPlainQuality(change.fields);
	if (change.event === REVIEW_EVENT) return change.fields;
	if (change.event === HEALTH_EVENT) {
		return { ...withPlainStatus(change.fields), ...withoutId(readHealthStatus(change.fields)) };
	}
	return withPlainStatus(change.fields);
}

/**
 * One event item. `owner` names whose the change is (`business_id` of a pool, `waba_id` of a
 * WABA); `extra` adds what the watch knows besides (a client WABA's name and owner business).
 */
export function toEvent(
	change: Change,
	where: { pool: boolean; owner: IDataObject; detectedAt: string; extra?: IDataObject },
): INodeExecutionData {
	return {
		json: {
			...(change.fields.id === undefined ? {} : fieldsOf(change, where.pool)),
			event: change.event,
			id: change.id,
			phone_number: change.phone_number,
			previous: change.previous,
			current: change.current,
			...where.owner,
			...where.extra,
			detected_at: where.detectedAt,
		},
	};
}
