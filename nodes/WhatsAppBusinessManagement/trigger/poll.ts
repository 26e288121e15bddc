import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { diffPhoneNumbers, diffPool, oldestFirst } from '../helpers/changes';
import type { Change, Seen } from '../helpers/changes';
import { withExpiry } from '../helpers/graphTime';
import { withPlainStatus } from '../helpers/phoneNumberView';
import {
	edges,
	getGraphConnection,
	graphApiRequestAllItems,
	graphApiRequestPage,
} from '../transport';
import type { GraphConnection, GraphRequest } from '../transport';

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
				qs: { fields: edges.PHONE_NUMBER_FIELDS },
			};
}

function toItem(settings: PollSettings, change: Change, detectedAt: string): INodeExecutionData {
	const owner = settings.watch === 'preVerifiedNumbers' ? 'business_id' : 'waba_id';
	const fields =
		settings.watch === 'preVerifiedNumbers'
			? withExpiry(change.fields)
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

/**
 * One poll: reads every number (all pages), compares with the last poll, and returns one item
 * per selected event, oldest first, or null when nothing changed. The state is written only
 * after every page was read, so a poll that fails midway loses and repeats nothing.
 */
export async function pollChanges(
	this: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const connection = await getGraphConnection.call(this);
	const detectedAt = new Date().toISOString();
	if (this.getMode() === 'manual')
		return [await sample.call(this, connection, settings, detectedAt)];

	const numbers = await graphApiRequestAllItems.call(this, connection, listRequest(settings));
	const state = this.getWorkflowStaticData('node') as State;
	const key = `${settings.watch}:${settings.ownerId}`;
	const baseline = state.key !== key || state.seen === undefined;
	const previous = baseline ? undefined : state.seen;
	const { changes, seen } =
		settings.watch === 'preVerifiedNumbers'
			? diffPool(previous, numbers, {
					now: Date.now(),
					expiringWithinDays: settings.expiringWithinDays,
				})
			: diffPhoneNumbers(previous, numbers);
	state.key = key;
	state.seen = seen;
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
	const request = listRequest(settings);
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
