import type { IDataObject } from 'n8n-workflow';

// What changed among a partner's client WABAs since the last poll (the trigger's Client WABAs
// watch): WABAs that appeared after a client's Embedded Signup or left when a client removed the
// partner, and the client businesses a credit line is shared with. Pure: the trigger reads Meta.

export type ClientWabaEvent = 'clientWabaAdded' | 'clientWabaRemoved' | 'creditLineSharingChanged';

/** Per WABA only what an event needs once the WABA is gone: name, currency, owner business. */
export type ClientWabaSeen = Record<string, [string, string, string]>;

export interface ClientWaba extends IDataObject {
	waba_id: string;
	name: string | null;
	currency: string | null;
	owner_business_id: string | null;
	owner_business_name: string | null;
}

export function toClientWaba(waba: IDataObject): ClientWaba {
	const owner = (waba.owner_business_info ?? {}) as IDataObject;
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
	return {
		waba_id: String(waba.id),
		name: text(waba.name),
		currency: text(waba.currency),
		owner_business_id: text(owner.id),
		owner_business_name: text(owner.name),
	};
}

export interface ClientWabaChange extends IDataObject {
	event: ClientWabaEvent;
}

/** Client WABAs added and removed since `previous` (undefined: a baseline, every WABA added). */
export function diffClientWabas(
	previous: ClientWabaSeen | undefined,
	wabas: IDataObject[],
): { changes: ClientWabaChange[]; seen: ClientWabaSeen } {
	const seen: ClientWabaSeen = {};
	const changes: ClientWabaChange[] = [];
	for (const raw of wabas) {
		const waba = toClientWaba(raw);
		seen[waba.waba_id] = [waba.name ?? '', waba.currency ?? '', waba.owner_business_id ?? ''];
		if (!previous?.[waba.waba_id]) changes.push({ event: 'clientWabaAdded', ...waba });
	}
	for (const [id, [name, currency, owner]] of Object.entries(previous ?? {})) {
		if (seen[id]) continue;
		changes.push({
			event: 'clientWabaRemoved',
			waba_id: id,
			name: name || null,
			currency: currency || null,
			owner_business_id: owner || null,
			owner_business_name: null,
		});
	}
	return { changes, seen };
}

/**
 * The client businesses that gained or lost a credit line since `previous` (the receiving
 * businesses of its sharings), each with the client WABAs of that business the watch knows.
 */
export function diffSharings(
	previous: string[] | undefined,
	businesses: string[],
	seen: ClientWabaSeen,
	creditLineId: string,
): ClientWabaChange[] {
	const now = new Set(businesses);
	const before = new Set(previous ?? []);
	const wabasOf = (business: string) =>
		Object.entries(seen)
			.filter(([, [, , owner]]) => owner === business)
			.map(([id]) => id);
	const change = (business: string, shared: boolean): ClientWabaChange => ({
		event: 'creditLineSharingChanged',
		credit_line_id: creditLineId,
		owner_business_id: business,
		previous: shared ? 'NOT_SHARED' : 'SHARED',
		current: shared ? 'SHARED' : 'NOT_SHARED',
		waba_ids: wabasOf(business),
	});
	return [
		...[...now].filter((b) => !before.has(b)).map((b) => change(b, true)),
		...[...before].filter((b) => !now.has(b)).map((b) => change(b, false)),
	];
}
