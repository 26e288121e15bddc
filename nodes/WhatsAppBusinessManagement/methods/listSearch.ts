import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { edges, getGraphConnection, graphApiRequestPage } from '../transport';

/**
 * "From list" for the Pre-Verified Number field: the numbers of the business in the Business ID
 * field, filtered by the digits typed, a page of 100 at a time.
 */
export async function searchPreVerifiedNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const businessId = String(this.getCurrentNodeParameter('businessId') ?? '').trim();
	if (!/^[0-9]+$/.test(businessId)) {
		throw new NodeOperationError(
			this.getNode(),
			'Enter the Business ID (digits only) to list its pre-verified numbers, or switch to "By ID"',
		);
	}
	const connection = await getGraphConnection.call(this, { retry: { maxAttempts: 2 } });
	const page = await graphApiRequestPage.call(
		this,
		connection,
		{
			method: 'GET',
			path: edges.preVerifiedNumbers(businessId),
			qs: { fields: 'id,phone_number,code_verification_status', limit: 100 },
		},
		paginationToken,
	);
	const wanted = (filter ?? '').replace(/\D/g, '');
	const results = page.data
		.filter(
			(n) =>
				!wanted ||
				String(n.phone_number ?? '')
					.replace(/\D/g, '')
					.includes(wanted),
		)
		.map((n) => ({
			name: `${String(n.phone_number ?? n.id)} (${String(n.code_verification_status ?? 'unknown status')})`,
			value: String(n.id),
		}));
	return { results, paginationToken: page.after };
}
