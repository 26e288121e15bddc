import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest, graphApiRequestAllItems } from '../../transport';
import type { Context, GraphConnection } from '../../transport';
import { idLocatorField } from '../common.descriptions';
import { readLocatorId } from '../parameters';

// What the credit line operations share (Meta's "Managing credit lines", updated 2026-05-21):
// the fields, the role every call needs, and the reads that verify a sharing.

/** Meta's invoicing currencies for a credit line shared with a client's WABA. */
export const CREDIT_CURRENCIES = ['AUD', 'EUR', 'GBP', 'IDR', 'INR', 'USD'];

/** Meta answers code 200 when the system user lacks the role: what to do about it. */
export const CREDIT_ROLE_HINT =
	"Credit lines need the partner's system-user token, with business_management and the Admin or Financial Editor role on the partner's business portfolio: grant it in Meta Business Suite → Business settings → Users → System users.";

export const creditLineField: INodeProperties = idLocatorField({
	displayName: 'Credit Line',
	name: 'creditLineId',
	description:
		"The partner's credit line. From List shows the credit lines of the credential's Business ID.",
	searchListMethod: 'searchCreditLines',
});

/** The item's credit line, from its resource locator, checked. */
export function readCreditLineId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'creditLineId', 'Credit line');
}

/** A currency for a sharing, checked before any request. */
export function checkCurrency(currency: string, whose: string): string {
	const upper = currency.trim().toUpperCase();
	if (!CREDIT_CURRENCIES.includes(upper)) {
		throw new InputError(
			`${whose} ${quoteInput(currency)} is not a currency Meta invoices a shared credit line in: use one of ${CREDIT_CURRENCIES.join(', ')}.`,
		);
	}
	return upper;
}

/** A WABA's funding and owner, as Meta's page reads them to verify a sharing. */
export interface WabaFunding {
	waba_id: string;
	name: string | null;
	currency: string | null;
	primary_funding_id: string | null;
	client_business_id: string | null;
	client_business_name: string | null;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export async function readWabaFunding(
	context: Context,
	connection: GraphConnection,
	wabaId: string,
): Promise<WabaFunding> {
	const waba = await graphApiRequest.call(context, connection, {
		method: 'GET',
		path: edges.node(wabaId),
		qs: { fields: edges.WABA_FUNDING_FIELDS },
		refusalHint: `WABA ${wabaId} is not readable with this token: check that the client shared it with the partner's business (a client that removed the partner must share it again).`,
	});
	const owner = (waba.owner_business_info ?? {}) as IDataObject;
	return {
		waba_id: wabaId,
		name: text(waba.name),
		currency: text(waba.currency),
		primary_funding_id: text(waba.primary_funding_id),
		client_business_id: text(owner.id),
		client_business_name: text(owner.name),
	};
}

/** A credit line's sharing with a client's business: its allocation config. */
export interface Sharing {
	allocation_config_id: string;
	receiving_credential_id: string | null;
	client_business_id: string | null;
	client_business_name: string | null;
	request_status: string | null;
}

export function toSharing(config: IDataObject): Sharing {
	const credential = (config.receiving_credential ?? {}) as IDataObject;
	const business = (config.receiving_business ?? {}) as IDataObject;
	return {
		allocation_config_id: String(config.id ?? ''),
		receiving_credential_id: text(credential.id),
		client_business_id: text(business.id),
		client_business_name: text(business.name),
		request_status: text(config.request_status),
	};
}

/** The active sharing of a credit line with a client's business, or undefined. */
export async function findSharing(
	context: Context,
	connection: GraphConnection,
	creditLineId: string,
	clientBusinessId: string,
): Promise<Sharing | undefined> {
	const configs = await graphApiRequestAllItems.call(context, connection, {
		method: 'GET',
		path: edges.creditLineSharings(creditLineId),
		qs: { receiving_business_id: clientBusinessId, fields: edges.ALLOCATION_FIELDS },
		permissionHint: CREDIT_ROLE_HINT,
	});
	return configs.map(toSharing).find((s) => s.client_business_id === clientBusinessId);
}

/** One allocation config, read by its ID. */
export async function readSharing(
	context: Context,
	connection: GraphConnection,
	allocationConfigId: string,
): Promise<Sharing> {
	const config = await graphApiRequest.call(context, connection, {
		method: 'GET',
		path: edges.node(allocationConfigId),
		qs: { fields: edges.ALLOCATION_FIELDS },
		permissionHint: CREDIT_ROLE_HINT,
	});
	return toSharing(config);
}

/** Where a WABA stands with a credit line: verified when its funding is the sharing's credential. */
export interface CreditLineStatus {
	waba_id: string;
	credit_line_id: string;
	allocation_config_id: string | null;
	client_business_id: string | null;
	primary_funding_id: string | null;
	/** The credit line is shared with the WABA's business. */
	shared: boolean;
	/** Meta's check: the sharing's receiving_credential.id equals the WABA's primary_funding_id. */
	verified: boolean;
}

export async function creditLineStatus(
	context: Context,
	connection: GraphConnection,
	creditLineId: string,
	wabaId: string,
	funding?: WabaFunding,
): Promise<CreditLineStatus> {
	const waba = funding ?? (await readWabaFunding(context, connection, wabaId));
	const sharing = waba.client_business_id
		? await findSharing(context, connection, creditLineId, waba.client_business_id)
		: undefined;
	const credential = sharing
		? (await readSharing(context, connection, sharing.allocation_config_id)).receiving_credential_id
		: null;
	return {
		waba_id: wabaId,
		credit_line_id: creditLineId,
		allocation_config_id: sharing?.allocation_config_id ?? null,
		client_business_id: waba.client_business_id,
		primary_funding_id: waba.primary_funding_id,
		shared: sharing !== undefined,
		verified: credential !== null && credential === waba.primary_funding_id,
	};
}
