import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { oldestFirst } from '../helpers/changes';
import type { Change, Seen } from '../helpers/changes';
import { diffClientWabas } from '../helpers/clientWabaChanges';
import { dueNow, pollsPerInterval, requestsPerPoll, spreadDue } from '../helpers/fleetSchedule';
import { MESSAGING_LIMITS } from '../helpers/phoneNumberView';
import { edges, getGraphConnection, graphApiRequestPage, GraphApiError } from '../transport';
import type { GraphConnection, GraphRequest } from '../transport';
import { toEvent } from './events';
import { POLL_BUDGET_SHARE, pollBudgetMs, readList } from './readList';
import type { Reading } from './readList';
import { numbersSource, readSources, REVIEW_EVENT, templatesSource } from './sources';

// The fleet watch: every client WABA of a business (and its owned ones, when asked) watched by
// one trigger. The client list is read once per interval; each WABA is read once per interval,
// spread evenly over the polls, with the same sources as the one-WABA watch, each WABA in a
// record of its own. A WABA that cannot be read is one event, not a failed poll; a messaging
// limit, the business portfolio's, is one event per portfolio.

export const FLEET_CLIENT_EVENTS = [
	'clientWabaAdded',
	'clientWabaRemoved',
	'clientWabaUnreadable',
	'clientWabaReadable',
];
const LIMIT_EVENT = 'messagingLimitChanged';

export interface FleetSettings {
	businessId: string;
	events: string[];
	includeOwned: boolean;
	intervalMinutes: number;
	emitExisting: boolean;
}

/** One WABA's record: short keys, only what change detection and its events need. */
interface WabaRecord extends IDataObject {
	/** When it is read next (ms). */
	d: number;
	/** Name, currency, owner business (id), account review: from the list. */
	nm: string;
	cu: string;
	o: string;
	r?: string;
	/** Its numbers and templates as the sources keep them. */
	n?: Seen;
	t?: Seen;
	/** Why it could not be read at its last turn, while it cannot. */
	e?: string;
}

interface FleetState extends IDataObject {
	key: string;
	w: Record<string, WabaRecord>;
	/** Each business portfolio's messaging limit, by owner business. */
	p: Record<string, string>;
	/** When the client list is read next (ms); undefined before its first read. */
	listDue?: number;
	lastPoll?: number;
	reading?: Reading;
	readingOwned?: Reading;
}

const LIST_FIELDS = 'id,name,currency,owner_business_info,account_review_status';
const listRequest = (path: string[]): GraphRequest => ({
	method: 'GET',
	path,
	qs: { fields: LIST_FIELDS },
});
const SOURCES = [numbersSource('n', 'rn'), templatesSource('t', 'rt')];

/** The portfolio's limit of a WABA, as its numbers' records hold it (all share it). */
function limitOf(record: WabaRecord): string {
	for (const value of Object.values(record.n ?? {})) {
		const limit = value.split(',')[2];
		if (limit) return limit;
	}
	return '';
}

/** What makes a refusal "the same" as the last one: its kind, code and Meta's words. */
function reasonKey(error: GraphApiError): string {
	return `${error.category}:${error.graph.code ?? ''}:${(error.graph.message ?? error.message).slice(0, 120)}`;
}

async function readClientList(
	this: IPollFunctions,
	connection: GraphConnection,
	state: FleetState,
	settings: FleetSettings,
): Promise<{ wabas: IDataObject[]; pages: number } | null> {
	const lists: Array<[string[], 'reading' | 'readingOwned']> = [
		[edges.clientWabas(settings.businessId), 'reading'],
	];
	if (settings.includeOwned) lists.push([edges.ownedWabas(settings.businessId), 'readingOwned']);
	const wabas: IDataObject[] = [];
	let pages = 0;
	for (const [path, slot] of lists) {
		const read = await readList.call(this, connection, listRequest(path), state, state.key, slot);
		if (read === null) return null;
		wabas.push(...read);
		pages += Math.max(1, Math.ceil(read.length / 100));
	}
	return { wabas, pages };
}

/** One poll of the fleet watch. */
export async function pollFleet(
	this: IPollFunctions,
	settings: FleetSettings,
): Promise<INodeExecutionData[][] | null> {
	const connection = await getGraphConnection.call(this);
	const detectedAt = new Date().toISOString();
	if (this.getMode() === 'manual')
		return [await sample.call(this, connection, settings, detectedAt)];

	const root = this.getWorkflowStaticData('node');
	const key = `fleet:${settings.businessId}:${settings.includeOwned ? 'all' : 'clients'}`;
	const kept = root.fleet as FleetState | undefined;
	const state: FleetState = kept?.key === key ? kept : { key, w: {}, p: {} };
	root.fleet = state;
	const now = Date.now();
	const intervalMs = settings.intervalMinutes * 60_000;
	const polls = pollsPerInterval(
		intervalMs,
		state.lastPoll === undefined ? undefined : now - state.lastPoll,
	);
	state.lastPoll = now;
	const items: INodeExecutionData[] = [];
	/** A change of a WABA as its item: where it belongs, with the client it is about. */
	const wabaEvent = (change: Change, id: string, record: WabaRecord) =>
		toEvent(change, {
			pool: false,
			owner: { waba_id: id },
			detectedAt,
			extra: {
				waba_name: record.nm || null,
				owner_business_id: record.o || null,
				business_id: settings.businessId,
			},
		});
	const client = (json: IDataObject) =>
		items.push({ json: { ...json, business_id: settings.businessId, detected_at: detectedAt } });
	let sent = 0;

	// The client list, once per interval: WABAs added and removed, each WABA's name, owner, review.
	if (state.listDue === undefined || state.listDue <= now) {
		const read = await readClientList.call(this, connection, state, settings);
		if (read === null) return null;
		sent += read.pages;
		const baseline = state.listDue === undefined;
		const known = Object.fromEntries(
			Object.entries(state.w).map(([id, r]): [string, [string, string, string]] => [
				id,
				[r.nm, r.cu, r.o],
			]),
		);
		const { changes } = diffClientWabas(baseline ? undefined : known, read.wabas);
		const firstDue = spreadDue(
			read.wabas.map((w) => String(w.id)),
			now,
			intervalMs,
			polls,
		);
		for (const waba of read.wabas) {
			const id = String(waba.id);
			const owner = (waba.owner_business_info ?? {}) as IDataObject;
			const review =
				typeof waba.account_review_status === 'string' ? waba.account_review_status : '';
			const record = (state.w[id] ??= { d: baseline ? firstDue[id] : now, nm: '', cu: '', o: '' });
			// A review seen before, now another (none answered is no change).
			if (record.r && review !== '' && record.r !== review) {
				const change: Change = {
					event: REVIEW_EVENT,
					id,
					phone_number: null,
					previous: record.r,
					current: review,
					at: null,
					fields: waba,
				};
				items.push(wabaEvent(change, id, record));
			}
			Object.assign(record, {
				nm: String(waba.name ?? ''),
				cu: String(waba.currency ?? ''),
				o: String(owner.id ?? ''),
				r: review,
			});
		}
		for (const change of changes) {
			if (change.event === 'clientWabaRemoved') delete state.w[String(change.waba_id)];
			if (!baseline || settings.emitExisting) client(change);
		}
		state.listDue = now + intervalMs;
	}

	// The WABAs due now, within this poll's share of the interval's requests and its budget.
	const perWaba = SOURCES.filter((s) => s.wanted(settings.events)).length;
	const count = Object.keys(state.w).length;
	const cap = requestsPerPoll({
		wabas: count,
		perWaba,
		listPages: Math.max(1, Math.ceil(count / 100)),
		polls,
	});
	const budgetMs = pollBudgetMs(this);
	const started = Date.now();
	let slowestMs = 0;
	const due = Object.fromEntries(Object.entries(state.w).map(([id, r]) => [id, r.d]));
	for (const id of dueNow(due, now, intervalMs / polls)) {
		if (sent + perWaba > cap) break;
		if (Date.now() - started + 2 * slowestMs > budgetMs * POLL_BUDGET_SHARE) break;
		sent += perWaba;
		const record = state.w[id];
		const first = record.n === undefined;
		const readStarted = Date.now();
		const outcome = await readSources
			.call(this, connection, record, SOURCES, {
				ownerId: id,
				events: settings.events,
				key: id,
				baseline: first,
				now,
			})
			.then(
				(changes) => ({ changes }),
				async (error: unknown) =>
					error instanceof GraphApiError && error.category !== 'auth'
						? { failed: error }
						: await Promise.reject(error),
			);
		slowestMs = Math.max(slowestMs, Date.now() - readStarted);
		const where = {
			waba_id: id,
			waba_name: record.nm || null,
			owner_business_id: record.o || null,
		};
		if ('failed' in outcome) {
			const reason = reasonKey(outcome.failed);
			if (record.e !== reason) {
				client({
					event: 'clientWabaUnreadable',
					...where,
					reason: outcome.failed.message,
					category: outcome.failed.category,
					code: outcome.failed.graph.code ?? null,
				});
			}
			record.e = reason;
			record.d = now + intervalMs;
			continue;
		}
		if (outcome.changes === null) continue; // a list did not fit: its pages kept, still due
		record.d = now + intervalMs;
		if (record.e !== undefined) {
			client({
				event: 'clientWabaReadable',
				...where,
				previous_reason: record.e.split(':').slice(2).join(':'),
			});
			delete record.e;
		}
		if (!first) {
			for (const change of oldestFirst(outcome.changes)) {
				if (change.event === LIMIT_EVENT) continue; // the portfolio's, below
				items.push(wabaEvent(change, id, record));
			}
		}
		const limit = limitOf(record);
		const portfolio = record.o || id;
		if (limit !== '') {
			const before = state.p[portfolio];
			if (before !== undefined && before !== limit) {
				client({
					event: LIMIT_EVENT,
					...where,
					previous: before,
					current: limit,
					messaging_limit: MESSAGING_LIMITS[limit] ?? limit.replace(/^TIER_/, ''),
				});
			}
			state.p[portfolio] = limit;
		}
	}
	const wanted = items.filter((item) => settings.events.includes(String(item.json.event)));
	return wanted.length > 0 ? [wanted] : null;
}

/** "Fetch Test Event": the first client WABA as a sample, or a made-up one. */
async function sample(
	this: IPollFunctions,
	connection: GraphConnection,
	settings: FleetSettings,
	detectedAt: string,
): Promise<INodeExecutionData[]> {
	const request = listRequest(edges.clientWabas(settings.businessId));
	const page = await graphApiRequestPage.call(this, connection, {
		...request,
		qs: { ...request.qs, limit: 1 },
	});
	const waba = page.data[0] ?? { id: '100000000000000', name: 'Example client' };
	const owner = (waba.owner_business_info ?? {}) as IDataObject;
	return [
		{
			json: {
				event: settings.events[0] ?? 'clientWabaAdded',
				waba_id: String(waba.id),
				waba_name: waba.name ?? null,
				owner_business_id: owner.id ?? null,
				business_id: settings.businessId,
				detected_at: detectedAt,
				sample: true,
			},
		},
	];
}
