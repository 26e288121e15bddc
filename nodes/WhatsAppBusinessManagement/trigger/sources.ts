import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { diffPhoneNumbers, diffPool, diffReviewStatus, diffTemplates } from '../helpers/changes';
import type { Change, Seen } from '../helpers/changes';
import { edges, graphApiRequest } from '../transport';
import type { GraphConnection, GraphRequest } from '../transport';
import { readList } from './readList';

// The things a trigger watches, each a source: what it reads (a list, page by page within the
// poll budget, or one object) and how what it read compares with what it kept. A watch is a
// composition of sources over one state record: the one-WABA watch is the numbers, the
// templates and the account review of a WABA; the fleet watch the same sources for each client
// WABA, each in its own record.

export const REVIEW_EVENT = 'accountReviewStatusChanged';
export const HEALTH_EVENT = 'healthStatusChanged';
export const TEMPLATE_EVENTS = [
	'templateStatusChanged',
	'templateQualityChanged',
	'templateCategoryChanged',
];
/** What the trigger reads of each template: its review, quality and category, no content. */
const TEMPLATE_FIELDS = 'id,name,language,status,category,quality_score,rejected_reason';

export interface Source {
	/** Where its record keeps what it saw, and its unfinished read of a list. */
	slot: string;
	readingSlot?: string;
	/** Whether the ticked events need it. */
	wanted(events: string[]): boolean;
	request(ownerId: string, events: string[]): GraphRequest;
	/** A list read whole (all pages), or one object. */
	list: boolean;
	/** The changes since what it kept (undefined: nothing kept yet), and what to keep now. */
	diff(kept: unknown, read: IDataObject[], now: number): { changes: Change[]; kept: unknown };
}

export function poolSource(expiringWithinDays: number): Source {
	return {
		slot: 'seen',
		readingSlot: 'reading',
		wanted: () => true,
		list: true,
		request: (businessId) => ({
			method: 'GET',
			path: edges.preVerifiedNumbers(businessId),
			qs: { fields: edges.PRE_VERIFIED_NUMBER_FIELDS },
		}),
		diff(kept, read, now) {
			const { changes, seen } = diffPool(kept as Seen | undefined, read, {
				now,
				expiringWithinDays,
			});
			return { changes, kept: seen };
		},
	};
}

/** A WABA's numbers; each number's health_status is asked in the same list when ticked. */
export function numbersSource(slot = 'seen', readingSlot = 'reading'): Source {
	return {
		slot,
		readingSlot,
		wanted: () => true,
		list: true,
		request: (wabaId, events) => ({
			method: 'GET',
			path: edges.wabaPhoneNumbers(wabaId),
			qs: {
				fields: events.includes(HEALTH_EVENT)
					? `${edges.PHONE_NUMBER_FIELDS},health_status`
					: edges.PHONE_NUMBER_FIELDS,
			},
		}),
		diff(kept, read) {
			const { changes, seen } = diffPhoneNumbers(kept as Seen | undefined, read);
			return { changes, kept: seen };
		},
	};
}

/** A WABA's templates, read only when one of their events is ticked. */
export function templatesSource(slot = 'templates', readingSlot = 'readingTemplates'): Source {
	return {
		slot,
		readingSlot,
		wanted: (events) => events.some((event) => TEMPLATE_EVENTS.includes(event)),
		list: true,
		request: (wabaId) => ({
			method: 'GET',
			path: edges.messageTemplates(wabaId),
			qs: { fields: TEMPLATE_FIELDS },
		}),
		diff(kept, read) {
			const { changes, seen } = diffTemplates(kept as Seen | undefined, read);
			return { changes, kept: seen };
		},
	};
}

/** The WABA's own review: one more request per poll, only when its event is ticked. */
export function reviewSource(slot = 'reviewStatus'): Source {
	return {
		slot,
		wanted: (events) => events.includes(REVIEW_EVENT),
		list: false,
		request: (wabaId) => ({
			method: 'GET',
			path: edges.node(wabaId),
			qs: { fields: 'id,name,account_review_status' },
		}),
		diff(kept, [waba]) {
			return {
				changes: diffReviewStatus(kept as string | undefined, waba),
				kept: String(waba.account_review_status ?? ''),
			};
		},
	};
}

/**
 * Reads every wanted source of an owner into `record` and compares it with what each kept.
 * Null when a list did not fit in this poll (its pages kept in the record; nothing else written).
 * A source that kept nothing yet on a running watch (its events just ticked) takes a baseline of
 * its own; at the watch's baseline (`baseline`) its changes are kept, for Emit Existing.
 */
export async function readSources(
	this: IPollFunctions,
	connection: GraphConnection,
	record: IDataObject,
	sources: Source[],
	watch: { ownerId: string; events: string[]; key: string; baseline: boolean; now: number },
): Promise<Change[] | null> {
	const wanted = sources.filter((source) => source.wanted(watch.events));
	const reads: IDataObject[][] = [];
	for (const source of wanted) {
		const request = source.request(watch.ownerId, watch.events);
		const read = source.list
			? await readList.call(this, connection, request, record, watch.key, source.readingSlot ?? '')
			: [await graphApiRequest.call(this, connection, request)];
		if (read === null) return null;
		reads.push(read);
	}
	const changes: Change[] = [];
	wanted.forEach((source, index) => {
		const kept = watch.baseline ? undefined : record[source.slot];
		const diff = source.diff(kept, reads[index], watch.now);
		if (watch.baseline || kept !== undefined) changes.push(...diff.changes);
		record[source.slot] = diff.kept as IDataObject[string];
	});
	for (const source of sources) if (!wanted.includes(source)) delete record[source.slot];
	return changes;
}
