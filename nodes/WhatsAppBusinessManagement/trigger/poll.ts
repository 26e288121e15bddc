import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { oldestFirst } from '../helpers/changes';
import type { Change, Seen } from '../helpers/changes';
import { getGraphConnection, graphApiRequest, graphApiRequestPage } from '../transport';
import type { GraphConnection } from '../transport';
import { toEvent } from './events';
import type { Reading } from './readList';
import {
	numbersSource,
	poolSource,
	readSources,
	REVIEW_EVENT,
	reviewSource,
	TEMPLATE_EVENTS,
	templatesSource,
} from './sources';
import type { Source } from './sources';

// The pool watch and the one-WABA watch: compositions of sources (sources.ts) over the node's
// static data, whose slots are those the trigger has always kept, so saved triggers go on.

export type Watch = 'preVerifiedNumbers' | 'phoneNumbers';

export interface PollSettings {
	watch: Watch;
	/** The business (pre-verified numbers) or the WABA (phone numbers) watched. */
	ownerId: string;
	events: string[];
	expiringWithinDays: number;
	emitExisting: boolean;
}

/** What the trigger keeps in the node's static data between polls (the sources' slots). */
interface State extends IDataObject {
	/** The watched list and owner the state belongs to: a changed setting starts a new baseline. */
	key?: string;
	/** The pool's or the WABA's numbers at the last poll (poolSource, numbersSource). */
	seen?: Seen;
	/** The watched WABA's account_review_status at the last poll that asked for it. */
	reviewStatus?: string;
	/** A read of the list that did not fit in one poll's time: the pages so far and where next. */
	reading?: Reading;
	/** The watched WABA's templates at the last poll that read them (their events ticked). */
	templates?: Seen;
	/** A read of the templates that did not fit in one poll's time. */
	readingTemplates?: Reading;
}

/** The sources of a watch: the pool, or a WABA's numbers, templates and review. */
function sourcesOf(settings: PollSettings): Source[] {
	return settings.watch === 'preVerifiedNumbers'
		? [poolSource(settings.expiringWithinDays)]
		: [numbersSource(), templatesSource(), reviewSource()];
}

function toItem(settings: PollSettings, change: Change, detectedAt: string): INodeExecutionData {
	const pool = settings.watch === 'preVerifiedNumbers';
	return toEvent(change, {
		pool,
		owner: { [pool ? 'business_id' : 'waba_id']: settings.ownerId },
		detectedAt,
	});
}

/**
 * One poll: reads every source of the watch (every page of its lists), compares with the last
 * poll, and returns one item per selected event, oldest first, or null when nothing changed.
 * The state is written only after every page was read, so a poll that fails midway loses and
 * repeats nothing. A list too long to read within n8n's poll budget (paced under the Usage
 * Ceiling, a big pool can take longer than a poll may) is read over several polls: each keeps
 * its pages and reports nothing until the list is whole.
 */
export async function pollChanges(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const connection = await getGraphConnection.call(this);
	const detectedAt = new Date().toISOString();
	if (this.getMode() === 'manual')
		return [await sample.call(this, connection, settings, detectedAt)];

	const state = this.getWorkflowStaticData('node') as State;
	// `seen` of a phone-number watch saved before the node read Meta's current messaging-limit
	// field holds the deprecated one: such a trigger starts a new baseline once, not a change.
	const key =
		settings.watch === 'phoneNumbers'
			? `${settings.watch}:${settings.ownerId}:portfolioLimit`
			: `${settings.watch}:${settings.ownerId}`;
	const baseline = state.key !== key || state.seen === undefined;
	const changes = await readSources.call(this, connection, state, sourcesOf(settings), {
		ownerId: settings.ownerId,
		events: settings.events,
		key,
		baseline,
		now: Date.now(),
	});
	if (changes === null) return null;
	state.key = key;
	if (baseline && !settings.emitExisting) return null;
	const wanted = oldestFirst(changes).filter((change) => settings.events.includes(change.event));
	return wanted.length > 0 ? [wanted.map((change) => toItem(settings, change, detectedAt))] : null;
}

/** "Fetch Test Event": one real number as an event of the first selected kind, or a made-up one. */
async function sample(
	this: IPollFunctions,
	connection: GraphConnection,
	settings: PollSettings,
	detectedAt: string,
): Promise<INodeExecutionData[]> {
	const first = settings.events[0] ?? '';
	const [main] = sourcesOf(settings);
	if (settings.watch === 'phoneNumbers' && first === REVIEW_EVENT) {
		const review = reviewSource();
		const waba = await graphApiRequest.call(
			this,
			connection,
			review.request(settings.ownerId, settings.events),
		);
		const [change] = review.diff(undefined, [waba], Date.now()).changes;
		if (change) return [{ json: { ...toItem(settings, change, detectedAt).json, sample: true } }];
	}
	const request = (TEMPLATE_EVENTS.includes(first) ? templatesSource() : main).request(
		settings.ownerId,
		settings.events,
	);
	const page = await graphApiRequestPage.call(this, connection, {
		...request,
		qs: { ...request.qs, limit: 1 },
	});
	const number: IDataObject = page.data[0] ?? {
		id: '100000000000000',
		[settings.watch === 'preVerifiedNumbers' ? 'phone_number' : 'display_phone_number']:
			'+1 631-555-1000',
	};
	const current = String(number.code_verification_status ?? number.status ?? '') || null;
	const item = toItem(
		settings,
		{
			event: (settings.events[0] ?? 'added') as Change['event'],
			id: String(number.id),
			phone_number: String(number.phone_number ?? number.display_phone_number ?? '') || null,
			previous: null,
			current,
			at: null,
			fields: number,
		},
		detectedAt,
	);
	item.json.sample = true;
	return [item];
}
