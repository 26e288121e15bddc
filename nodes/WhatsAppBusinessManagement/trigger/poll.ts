import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	diffPhoneNumbers,
	diffPool,
	diffReviewStatus,
	diffTemplates,
	oldestFirst,
} from '../helpers/changes';
import type { Change, Seen } from '../helpers/changes';
import { withExpiry } from '../helpers/graphTime';
import { readHealthStatus } from '../helpers/healthStatus';
import { withPlainStatus } from '../helpers/phoneNumberView';
import { withPlainQuality } from '../helpers/templateView';
import { edges, getGraphConnection, graphApiRequest, graphApiRequestPage } from '../transport';
import type { GraphConnection, GraphRequest } from '../transport';
import { readList } from './readList';
import type { Reading } from './readList';

export type Watch = 'preVerifiedNumbers' | 'phoneNumbers';

export interface PollSettings {
	watch: Watch;
	/** The business (pre-verified numbers) or the WABA (phone numbers) watched. */
	ownerId: string;
	events: string[];
	expiringWithinDays: number;
	emitExisting: boolean;
}

/** What the trigger keeps in the node's static data between polls. */
interface State extends IDataObject {
	/** The watched list and owner the state belongs to: a changed setting starts a new baseline. */
	key?: string;
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

const REVIEW_EVENT = 'accountReviewStatusChanged';
const HEALTH_EVENT = 'healthStatusChanged';
const TEMPLATE_EVENTS = [
	'templateStatusChanged',
	'templateQualityChanged',
	'templateCategoryChanged',
];
/** What the trigger reads of each template: its review, quality and category, no content. */
const TEMPLATE_FIELDS = 'id,name,language,status,category,quality_score,rejected_reason';

function templatesRequest(settings: PollSettings): GraphRequest {
	return {
		method: 'GET',
		path: edges.messageTemplates(settings.ownerId),
		qs: { fields: TEMPLATE_FIELDS },
	};
}

function listRequest(settings: PollSettings): GraphRequest {
	return settings.watch === 'preVerifiedNumbers'
		? {
				method: 'GET',
				path: edges.preVerifiedNumbers(settings.ownerId),
				qs: { fields: edges.PRE_VERIFIED_NUMBER_FIELDS },
			}
		: {
				method: 'GET',
				path: edges.wabaPhoneNumbers(settings.ownerId),
				// Each number's health_status holds its whole chain (number, WABA, business, app):
				// one list read covers it, asked only when its event is ticked.
				qs: {
					fields: settings.events.includes(HEALTH_EVENT)
						? `${edges.PHONE_NUMBER_FIELDS},health_status`
						: edges.PHONE_NUMBER_FIELDS,
				},
			};
}

function toItem(settings: PollSettings, change: Change, detectedAt: string): INodeExecutionData {
	const owner = settings.watch === 'preVerifiedNumbers' ? 'business_id' : 'waba_id';
	const fields =
		settings.watch === 'preVerifiedNumbers'
			? withExpiry(change.fields)
			: TEMPLATE_EVENTS.includes(change.event)
				? withPlainQuality(change.fields)
				: change.event === REVIEW_EVENT
					? change.fields
					: change.event === HEALTH_EVENT
						? { ...withPlainStatus(change.fields), ...withoutId(readHealthStatus(change.fields)) }
						: withPlainStatus(change.fields);
	return {
		json: {
			...(change.fields.id === undefined ? {} : fields),
			event: change.event,
			id: change.id,
			phone_number: change.phone_number,
			previous: change.previous,
			current: change.current,
			[owner]: settings.ownerId,
			detected_at: detectedAt,
		},
	};
}

function withoutId(fields: IDataObject): IDataObject {
	const { id, ...rest } = fields;
	return id === undefined ? fields : rest;
}

/**
 * One poll: reads every number (all pages), compares with the last poll, and returns one item
 * per selected event, oldest first, or null when nothing changed. The state is written only
 * after every page was read, so a poll that fails midway loses and repeats nothing. A list too
 * long to read within n8n's poll budget (paced under the Usage Ceiling, a big pool can take
 * longer than a poll may) is read over several polls: each keeps its pages and reports nothing
 * until the list is whole.
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
	const numbers = await readList.call(
		this,
		connection,
		listRequest(settings),
		state,
		key,
		'reading',
	);
	if (numbers === null) return null;
	const watchTemplates = settings.events.some((event) => TEMPLATE_EVENTS.includes(event));
	const templates = watchTemplates
		? await readList.call(
				this,
				connection,
				templatesRequest(settings),
				state,
				key,
				'readingTemplates',
			)
		: undefined;
	if (templates === null) return null;
	const baseline = state.key !== key || state.seen === undefined;
	const previous = baseline ? undefined : state.seen;
	const { changes, seen } =
		settings.watch === 'preVerifiedNumbers'
			? diffPool(previous, numbers, {
					now: Date.now(),
					expiringWithinDays: settings.expiringWithinDays,
				})
			: diffPhoneNumbers(previous, numbers);
	// Templates: one more list per poll, only when their events are ticked; their first read (the
	// events just ticked on a running trigger) is a baseline of its own.
	if (templates) {
		const known = baseline ? undefined : state.templates;
		const diff = diffTemplates(known, templates);
		changes.push(...diff.changes);
		state.templates = diff.seen;
	} else {
		delete state.templates;
	}
	// The WABA's own review: one more request per poll, only when its event is ticked.
	if (settings.events.includes(REVIEW_EVENT)) {
		const waba = await readWaba.call(this, connection, settings.ownerId);
		const known = baseline ? undefined : state.reviewStatus;
		// Ticked on a running trigger: the first read is a baseline of its own, not a change.
		if (baseline || known !== undefined) changes.push(...diffReviewStatus(known, waba));
		state.reviewStatus = String(waba.account_review_status ?? '');
	}
	state.key = key;
	state.seen = seen;
	if (baseline && !settings.emitExisting) return null;
	const wanted = oldestFirst(changes).filter((change) => settings.events.includes(change.event));
	return wanted.length > 0 ? [wanted.map((change) => toItem(settings, change, detectedAt))] : null;
}

async function readWaba(
	this: IPollFunctions,
	connection: GraphConnection,
	wabaId: string,
): Promise<IDataObject> {
	return await graphApiRequest.call(this, connection, {
		method: 'GET',
		path: edges.node(wabaId),
		qs: { fields: 'id,name,account_review_status' },
	});
}

/** "Fetch Test Event": one real number as an event of the first selected kind, or a made-up one. */
async function sample(
	this: IPollFunctions,
	connection: GraphConnection,
	settings: PollSettings,
	detectedAt: string,
): Promise<INodeExecutionData[]> {
	if (settings.watch === 'phoneNumbers' && settings.events[0] === REVIEW_EVENT) {
		const waba = await readWaba.call(this, connection, settings.ownerId);
		const [change] = diffReviewStatus(undefined, waba);
		if (change) return [{ json: { ...toItem(settings, change, detectedAt).json, sample: true } }];
	}
	const request = TEMPLATE_EVENTS.includes(settings.events[0] ?? '')
		? templatesRequest(settings)
		: listRequest(settings);
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
