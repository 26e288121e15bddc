import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { diffClientWabas, diffSharings } from '../helpers/clientWabaChanges';
import type { ClientWabaChange, ClientWabaSeen } from '../helpers/clientWabaChanges';
import { edges, getGraphConnection, graphApiRequestPage } from '../transport';
import type { GraphRequest } from '../transport';
import { readList } from './readList';

// The Client WABAs watch, a source of its own: the partner business's client WABAs
// (client_whatsapp_business_accounts, every page within the poll budget) against the last poll,
// and, when its event is ticked, the client businesses a credit line is shared with.

export const CLIENT_WABA_EVENTS = ['clientWabaAdded', 'clientWabaRemoved'];
export const SHARING_EVENT = 'creditLineSharingChanged';

export interface ClientWabaSettings {
	businessId: string;
	events: string[];
	/** The credit line whose sharings are watched ('' when its event is not ticked). */
	creditLineId: string;
	emitExisting: boolean;
}

/** The source's record in the node's static data. */
interface ClientWabaState extends IDataObject {
	key?: string;
	wabas?: ClientWabaSeen;
	/** The client businesses the credit line was shared with at the last poll. */
	sharings?: string[];
	sharingsKey?: string;
}

function wabasRequest(businessId: string): GraphRequest {
	return {
		method: 'GET',
		path: edges.clientWabas(businessId),
		qs: { fields: 'id,name,currency,owner_business_info' },
	};
}

function sharingsRequest(creditLineId: string): GraphRequest {
	return {
		method: 'GET',
		path: edges.creditLineSharings(creditLineId),
		qs: { fields: 'id,receiving_business' },
	};
}

function toItem(settings: ClientWabaSettings, change: ClientWabaChange, detectedAt: string) {
	return { json: { ...change, business_id: settings.businessId, detected_at: detectedAt } };
}

/**
 * One poll of the Client WABAs watch: one event per WABA added or removed (and per client
 * business that gained or lost the credit line), none at the baseline unless Emit Existing.
 */
export async function pollClientWabas(
	this: IPollFunctions,
	settings: ClientWabaSettings,
): Promise<INodeExecutionData[][] | null> {
	const connection = await getGraphConnection.call(this);
	const detectedAt = new Date().toISOString();
	if (this.getMode() === 'manual') {
		const page = await graphApiRequestPage.call(this, connection, {
			...wabasRequest(settings.businessId),
			qs: { ...wabasRequest(settings.businessId).qs, limit: 1 },
		});
		const { changes } = diffClientWabas(undefined, page.data);
		const change = changes[0] ?? {
			event: 'clientWabaAdded',
			waba_id: '100000000000000',
			name: 'Example client',
			currency: 'USD',
			owner_business_id: null,
			owner_business_name: null,
		};
		return [[{ json: { ...toItem(settings, change, detectedAt).json, sample: true } }]];
	}
	const state = (this.getWorkflowStaticData('node').clientWabas ??= {}) as ClientWabaState;
	const key = `clientWabas:${settings.businessId}`;
	const wabas = await readList.call(
		this,
		connection,
		wabasRequest(settings.businessId),
		state,
		key,
		'reading',
	);
	if (wabas === null) return null;
	const baseline = state.key !== key || state.wabas === undefined;
	const { changes, seen } = diffClientWabas(baseline ? undefined : state.wabas, wabas);
	if (settings.events.includes(SHARING_EVENT) && settings.creditLineId !== '') {
		const sharingsKey = `${key}:${settings.creditLineId}`;
		const configs = await readList.call(
			this,
			connection,
			sharingsRequest(settings.creditLineId),
			state,
			sharingsKey,
			'readingSharings',
		);
		if (configs === null) return null;
		const businesses = configs
			.map((c) => String((c.receiving_business as IDataObject | undefined)?.id ?? ''))
			.filter((id) => id !== '');
		// Ticked on a running trigger (or another credit line): a baseline of its own.
		const known = baseline || state.sharingsKey !== sharingsKey ? undefined : state.sharings;
		if (known) changes.push(...diffSharings(known, businesses, seen, settings.creditLineId));
		state.sharings = businesses;
		state.sharingsKey = sharingsKey;
	} else {
		delete state.sharings;
		delete state.sharingsKey;
	}
	state.key = key;
	state.wabas = seen;
	if (baseline && !settings.emitExisting) return null;
	const wanted = changes.filter((change) => settings.events.includes(change.event));
	return wanted.length > 0 ? [wanted.map((change) => toItem(settings, change, detectedAt))] : null;
}
