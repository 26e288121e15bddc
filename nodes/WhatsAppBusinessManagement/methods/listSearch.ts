import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import {
	edges,
	getGraphConnection,
	graphApiRequestPage,
	readCredentialBusinessId,
} from '../transport';
import type { GraphRequest } from '../transport';

/** The digits of a parameter that must hold an ID before "From List" can list anything. */
function requireId(context: ILoadOptionsFunctions, name: string, message: string): string {
	const value = context.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	const id = String(value ?? '').trim();
	if (!/^[0-9]+$/.test(id)) throw new NodeOperationError(context.getNode(), message);
	return id;
}

/**
 * The business whose lists From List shows: the node's Business ID where the operation has one
 * and it is filled in (Share, Stop Sharing), else the credential's.
 */
async function requireBusinessId(context: ILoadOptionsFunctions, message: string): Promise<string> {
	const typed = String(context.getCurrentNodeParameter('businessId') ?? '').trim();
	const id = typed || (await readCredentialBusinessId.call(context));
	if (!/^[0-9]+$/.test(id)) throw new NodeOperationError(context.getNode(), message);
	return id;
}

/** One page of a list edge for "From List", kept to the entries whose label holds the filter. */
async function searchPage(
	context: ILoadOptionsFunctions,
	request: GraphRequest,
	toItem: (entry: IDataObject) => INodeListSearchItems,
	filter: string | undefined,
	paginationToken: string | undefined,
	matchDigits = false,
): Promise<INodeListSearchResult> {
	const connection = await getGraphConnection.call(context, { retry: { maxAttempts: 2 } });
	const page = await graphApiRequestPage.call(context, connection, request, paginationToken);
	const wanted = matchDigits ? (filter ?? '').replace(/\D/g, '') : (filter ?? '').toLowerCase();
	const results = page.data.map(toItem).filter((item) => {
		const label = matchDigits ? item.name.replace(/\D/g, '') : item.name.toLowerCase();
		return !wanted || label.includes(wanted);
	});
	return { results, paginationToken: page.after };
}

/** The list shape of searchWabaList and searchBusinessList: one edge, its fields, a label. */
interface ListOf<Owner> {
	what: string;
	path: (owner: Owner) => string[];
	fields: string;
	label: (entry: IDataObject) => string;
	matchDigits?: boolean;
}

/** One page of 100 of the owner's list, labelled as the list says. */
async function searchListOf(
	context: ILoadOptionsFunctions,
	ownerId: string,
	list: ListOf<string>,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	return await searchPage(
		context,
		{ method: 'GET', path: list.path(ownerId), qs: { fields: list.fields, limit: 100 } },
		(entry) => ({ name: list.label(entry), value: String(entry.id) }),
		filter,
		paginationToken,
		list.matchDigits,
	);
}

/** "From List" for a list of the business (the Business ID field's, else the credential's). */
async function searchBusinessList(
	context: ILoadOptionsFunctions,
	list: ListOf<string>,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const businessId = await requireBusinessId(
		context,
		`Set the Business ID in the credential (digits only) to list its ${list.what}, or switch to "By ID"`,
	);
	return await searchListOf(context, businessId, list, filter, paginationToken);
}

/**
 * "From List" for the Pre-Verified Number field: the numbers of the business in the Business ID
 * field, filtered by the digits typed, a page of 100 at a time.
 */
export async function searchPreVerifiedNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchBusinessList(
		this,
		{
			what: 'pre-verified numbers',
			path: edges.preVerifiedNumbers,
			fields: 'id,phone_number,code_verification_status',
			label: (n) =>
				`${String(n.phone_number ?? n.id)} (${String(n.code_verification_status ?? 'unknown status')})`,
			matchDigits: true,
		},
		filter,
		paginationToken,
	);
}

/**
 * "From List" for the WhatsApp Business Account field: the WABAs the business owns, then those
 * its clients share with it, filtered by name. The owned list comes first, whole; then the
 * client list pages on.
 */
export async function searchWhatsAppBusinessAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const businessId = await requireBusinessId(
		this,
		'Set the Business ID in the credential (digits only) to list its WhatsApp Business Accounts, or switch to "By ID"',
	);
	const toItem = (label: string) => (w: IDataObject) => ({
		name: `${String(w.name ?? w.id)} (${label})`,
		value: String(w.id),
	});
	const qs = { fields: 'id,name', limit: 100 };
	const clientToken = paginationToken?.startsWith('client:')
		? paginationToken.slice('client:'.length)
		: undefined;
	const owned = clientToken
		? { results: [] }
		: await searchPage(
				this,
				{ method: 'GET', path: edges.ownedWabas(businessId), qs },
				toItem('owned'),
				filter,
				paginationToken,
			);
	if (owned.paginationToken) return owned;
	const clients = await searchPage(
		this,
		{ method: 'GET', path: edges.clientWabas(businessId), qs },
		toItem('client'),
		filter,
		clientToken,
	);
	return {
		results: [...owned.results, ...clients.results],
		paginationToken: clients.paginationToken ? `client:${clients.paginationToken}` : undefined,
	};
}

/** "From List" for a list of the WABA in the WhatsApp Business Account field, a page of 100. */
async function searchWabaList(
	context: ILoadOptionsFunctions,
	list: ListOf<string>,
	filter: string | undefined,
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	const wabaId = requireId(
		context,
		'wabaId',
		`Choose the WhatsApp Business Account to list its ${list.what}, or switch to "By ID"`,
	);
	return await searchListOf(context, wabaId, list, filter, paginationToken);
}

/** "From List" for the Phone Number field: the WABA's numbers, filtered by the digits typed. */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchWabaList(
		this,
		{
			what: 'phone numbers',
			path: edges.wabaPhoneNumbers,
			fields: 'id,display_phone_number,verified_name,status',
			label: (n) =>
				`${String(n.display_phone_number ?? n.id)} · ${String(n.verified_name ?? '')} (${String(n.status ?? 'unknown status')})`,
			matchDigits: true,
		},
		filter,
		paginationToken,
	);
}

/** "From List" for the Message Template field: the WABA's templates, filtered by name. */
export async function searchMessageTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchWabaList(
		this,
		{
			what: 'message templates',
			path: edges.messageTemplates,
			fields: 'id,name,language,status',
			label: (t) =>
				`${String(t.name ?? t.id)} (${String(t.language ?? '')}, ${String(t.status ?? '')})`,
		},
		filter,
		paginationToken,
	);
}

/** "From List" for the Credit Line field: the credential's business's credit lines, by name. */
export async function searchCreditLines(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchBusinessList(
		this,
		{
			what: 'credit lines',
			path: edges.creditLines,
			fields: 'id,legal_entity_name',
			label: (line) => `${String(line.legal_entity_name ?? 'Credit line')} (${String(line.id)})`,
		},
		filter,
		paginationToken,
	);
}
