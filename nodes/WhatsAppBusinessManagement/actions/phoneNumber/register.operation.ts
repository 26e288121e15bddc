import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields, pinField } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId, readPin } from '../parameters';

// Meta's data localization regions (the contract's WhatsAppDataLocalizationRegion).
const REGIONS: Array<[string, string]> = [
	['Australia', 'AU'],
	['Bahrain', 'BH'],
	['Brazil', 'BR'],
	['Canada', 'CA'],
	['Germany', 'DE'],
	['India', 'IN'],
	['Indonesia', 'ID'],
	['Japan', 'JP'],
	['Singapore', 'SG'],
	['South Africa', 'ZA'],
	['South Korea', 'KR'],
	['Switzerland', 'CH'],
	['United Arab Emirates', 'AE'],
	['United Kingdom', 'GB'],
];

const properties: INodeProperties[] = [
	...phoneNumberFields,
	pinField(
		"The number's two-step verification PIN, 6 digits. Sets the PIN if the number has none yet; must match it if it has one.",
	),
	optionsCollection([
		{
			displayName: 'Data Localization Region',
			name: 'dataLocalizationRegion',
			type: 'options',
			options: REGIONS.map(([name, value]) => ({ name, value })),
			default: 'DE',
			description:
				'Where Meta stores message data at rest (local storage). Leave unset for the default.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['register'] } },
	properties,
);

interface Registration {
	id: string;
	pin: string;
	region?: string;
}

/** Registers a verified number on the Cloud API, so that it can send and receive messages. */
export const register: Operation<Registration> = {
	description,

	prepare(context, itemIndex, options) {
		const id = readPhoneNumberId(context, itemIndex);
		const pin = readPin(context, itemIndex);
		const region = options.dataLocalizationRegion;
		if (region !== undefined && !REGIONS.some(([, value]) => value === region)) {
			throw new InputError(
				`Data Localization Region ${quoteInput(String(region))} is not one of Meta's regions: pick one from the list.`,
			);
		}
		return { id, pin, region: region as string | undefined };
	},

	async run(context, connection, registration) {
		const body: IDataObject = { messaging_product: 'whatsapp', pin: registration.pin };
		if (registration.region) body.data_localization_region = registration.region;
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.register(registration.id),
			body,
			secrets: [registration.pin],
		});
		return {
			id: registration.id,
			success: answer.success === true,
			registered: answer.success === true,
			...(registration.region ? { data_localization_region: registration.region } : {}),
		};
	},
};
