import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { graphApiRequest } from '../transport';
import type { GraphConnection } from '../transport';

const digits = (value: unknown) => (typeof value === 'string' ? value.replace(/\D/g, '') : '');

/**
 * The ID of the business's pre-verified number equal to `e164`, if any. Meta returns numbers
 * formatted ("+1 631-555-1000"), so they are compared by digits.
 */
export async function findPreVerifiedNumberId(
	this: IExecuteFunctions,
	connection: GraphConnection,
	businessId: string,
	e164: string,
): Promise<string | undefined> {
	const { body } = await graphApiRequest.call(this, connection, {
		method: 'GET',
		path: [businessId, 'preverified_numbers'],
		qs: { phone_number: e164, fields: 'id,phone_number', limit: 100 },
	});
	const data = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const match = data.find((entry) => digits(entry.phone_number) === digits(e164));
	return match?.id === undefined ? undefined : String(match.id);
}
