import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest, graphApiRequestAllItems, GraphApiError } from '../../transport';
import type { Context, GraphConnection } from '../../transport';
import { idLocatorField, optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import {
	CREDIT_ROLE_HINT,
	creditLineField,
	findSharing,
	readCreditLineId,
	readSharing,
	readWabaFunding,
} from './creditLine';

const byWaba = { show: { revokeFor: ['waba'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			"Meta revokes a credit line for every WABA of the client's business shared with you, not only the one named here",
		name: 'revokeNotice',
		type: 'notice',
		default: '',
	},
	creditLineField,
	{
		displayName: 'Revoke For',
		name: 'revokeFor',
		type: 'options',
		options: [
			{
				name: "The Business of a Client's WABA",
				value: 'waba',
				description: "The node reads the WABA's owner business",
			},
			{
				name: 'A Client Business ID',
				value: 'clientBusiness',
				description: 'For a client that already removed you: its ID from Get Many Sharings',
			},
		],
		default: 'waba',
	},
	{
		...idLocatorField({
			displayName: 'WhatsApp Business Account',
			name: 'wabaId',
			description:
				"A WABA of the client's business. From List shows the WABAs of the credential's Business ID.",
			searchListMethod: 'searchWhatsAppBusinessAccounts',
		}),
		displayOptions: byWaba,
	},
	{
		displayName: 'Client Business ID',
		name: 'clientBusinessId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '4000000000000002',
		description: "The client's business portfolio (digits only), as Get Many Sharings shows it",
		displayOptions: { show: { revokeFor: ['clientBusiness'] } },
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['creditLine'], operation: ['revoke'] } },
	properties,
);

interface RevokeRequest {
	creditLineId: string;
	wabaId?: string;
	clientBusinessId?: string;
	/** The partner's business, to list the client's WABAs the revocation reaches ('' : not listed). */
	partnerBusinessId: string;
}

/** What Meta's page says to do when a WABA's owner cannot be read any more. */
const ownerUnreadable = (wabaId: string) =>
	new InputError(
		`WABA ${wabaId} no longer says which business owns it: the client removed your access (Meta then blocks all messaging on it). Revoke the credit line by the client's business: set Revoke For to A Client Business ID, with its ID from Credit Line → Get Many Sharings.`,
	);

/** A refusal to read the WABA means its owner is unreadable; any other failure stays itself. */
function asOwnerUnreadable(error: unknown, wabaId: string): unknown {
	const refused =
		error instanceof GraphApiError &&
		['validation', 'permission', 'not_found'].includes(error.category);
	return refused ? ownerUnreadable(wabaId) : error;
}

/** The client's business of a WABA, or what Meta's page says to do when it cannot be read. */
async function clientBusinessOf(
	context: Context,
	connection: GraphConnection,
	wabaId: string,
): Promise<string> {
	let owner: string | null;
	try {
		owner = (await readWabaFunding(context, connection, wabaId)).client_business_id;
	} catch (error) {
		throw asOwnerUnreadable(error, wabaId);
	}
	if (owner === null) throw ownerUnreadable(wabaId);
	return owner;
}

/** The partner's client WABAs that belong to the client's business, when the list is readable. */
async function wabasOf(
	context: Context,
	connection: GraphConnection,
	partnerBusinessId: string,
	clientBusinessId: string,
): Promise<string[] | null> {
	if (partnerBusinessId === '') return null;
	try {
		const wabas = await graphApiRequestAllItems.call(context, connection, {
			method: 'GET',
			path: edges.clientWabas(partnerBusinessId),
			qs: { fields: 'id,owner_business_info' },
		});
		return wabas
			.filter((w) => (w.owner_business_info as { id?: unknown })?.id === clientBusinessId)
			.map((w) => String(w.id));
	} catch {
		return null;
	}
}

/**
 * Revokes a credit line from a client's business (Meta's page: the owner business, its
 * allocation config, DELETE, then request_status DELETED). Sent once: after an ambiguous failure
 * the allocation config is read first. Nothing to revoke is a success that says so.
 */
export const revoke: Operation<RevokeRequest> = {
	description,

	prepare(context, itemIndex, _options, run) {
		const creditLineId = readCreditLineId(context, itemIndex);
		const partnerBusinessId = run.credentialBusinessId;
		if (context.getNodeParameter('revokeFor', itemIndex, 'waba') === 'waba') {
			return { creditLineId, wabaId: readWabaId(context, itemIndex), partnerBusinessId };
		}
		const given = String(context.getNodeParameter('clientBusinessId', itemIndex, '')).trim();
		if (!/^[0-9]+$/.test(given)) {
			throw new InputError(
				`Client Business ID ${quoteInput(given)} is not valid: use the digits of the client's business ID, as Get Many Sharings shows it.`,
			);
		}
		return { creditLineId, clientBusinessId: given, partnerBusinessId };
	},

	async run(context, connection, request) {
		const { creditLineId, wabaId } = request;
		const clientBusinessId =
			request.clientBusinessId ?? (await clientBusinessOf(context, connection, wabaId ?? ''));
		const result = { credit_line_id: creditLineId, client_business_id: clientBusinessId };
		const sharing = await findSharing(context, connection, creditLineId, clientBusinessId);
		if (!sharing) {
			return {
				...result,
				allocation_config_id: null,
				request_status: null,
				revoked: false,
				message: `Credit line ${creditLineId} is not shared with business ${clientBusinessId}: nothing to revoke.`,
			};
		}
		const wabas = await wabasOf(context, connection, request.partnerBusinessId, clientBusinessId);
		const id = sharing.allocation_config_id;
		await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.node(id),
			permissionHint: CREDIT_ROLE_HINT,
			findApplied: async () =>
				(await readSharing(context, connection, id)).request_status === 'DELETED'
					? { success: true }
					: undefined,
		});
		const after = await readSharing(context, connection, id);
		return {
			...result,
			allocation_config_id: id,
			request_status: after.request_status,
			revoked: after.request_status === 'DELETED',
			wabas,
		};
	},
};
