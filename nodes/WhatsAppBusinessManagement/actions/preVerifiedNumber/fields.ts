import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { COUNTRY_OPTIONS } from '../../helpers/countries';
import { expiresInDays } from '../../helpers/graphTime';
import { validationError } from '../../helpers/itemResults';
import { quoteInput } from '../../helpers/quoteInput';
import { requestOptions } from '../common';

export const NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time,owner_business';

const show = (operation: string[]) => ({ show: { resource: ['preVerifiedNumber'], operation } });

export function businessIdField(operation: string[], required: boolean): INodeProperties {
	return {
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		required,
		default: '',
		placeholder: '1234567890123456',
		description: required
			? 'ID of the business portfolio that owns the pre-verified numbers (digits only)'
			: 'Business portfolio whose numbers "From List" shows (digits only). Not needed with "By ID".',
		displayOptions: show(operation),
	};
}

/** ISO 3166-1 alpha-2 countries with English names, for numbers without a country code. */
export function defaultCountryField(description: string, operation?: string[]): INodeProperties {
	const field: INodeProperties = {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [{ name: 'None (Numbers Include Country Code)', value: '' }, ...COUNTRY_OPTIONS],
		description,
	};
	if (operation) field.displayOptions = show(operation);
	return field;
}

/** The fields of an operation on one pre-verified number. */
export function singleNumberFields(operation: string): INodeProperties[] {
	return [businessIdField([operation], false), preVerifiedNumberIdField([operation])];
}

export function preVerifiedNumberIdField(operation: string[]): INodeProperties {
	return {
		displayName: 'Pre-Verified Number',
		name: 'preVerifiedNumberId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The pre-verified phone number to act on',
		displayOptions: show(operation),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPreVerifiedNumbers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '1234567890123456',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^[0-9]+$', errorMessage: 'Use the digits of the ID only' },
					},
				],
			},
		],
	};
}

export function optionsField(operation: string[], extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show(operation),
		options: [...extra, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The item's pre-verified number ID, checked: it becomes a URL segment. */
export function readPreVerifiedNumberId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('preVerifiedNumberId', itemIndex, '', {
		extractValue: true,
	}) as unknown;
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || !/^[0-9]+$/.test(text.trim())) {
		throw validationError(
			`Pre-verified number ID ${quoteInput(String(text ?? ''))} is not valid: use the digits of the ID, e.g. 1234567890123456.`,
		);
	}
	return text.trim();
}

/** A number as Meta describes it, with `expires_in_days` computed from its expiry time. */
export function withExpiry(number: IDataObject): IDataObject {
	return { ...number, expires_in_days: expiresInDays(number.verification_expiry_time) };
}
