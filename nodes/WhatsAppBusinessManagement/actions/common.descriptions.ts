import type { INodeProperties } from 'n8n-workflow';

import { COUNTRY_OPTIONS } from '../helpers/countries';

/**
 * Retry and timeout options every operation offers, in its "Options" collection. The defaults
 * are literals for n8n's lint; test/unit/options.test.ts keeps them equal to the transport's.
 */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		description:
			"Attempts per request when Meta reports a temporary failure (1 = no retries); waiting out Meta's rate limit uses none. Leave n8n's own Retry On Fail off: it would repeat the whole node on top of this. A setting of the whole run: the first item's value applies to every item.",
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		name: 'maxTotalWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			"Longest time to wait between the attempts of one request, and to pause the run when Meta's rate limit is reached. If Meta asks for a longer pause, the items not yet sent fail at once with Meta's wait, to be sent again later. A setting of the whole run: the first item's value applies to every item.",
	},
	{
		displayName: 'Usage Ceiling (%)',
		name: 'usageCeilingPercent',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 90,
		description:
			"Share of Meta's rate budget for this business that this node may use, leaving the rest to the business's other apps, workflows and executions (they all spend the same budget). The node spaces its requests to keep Meta's reported usage under it; that is sending, not waiting, so it does not count against Max Total Wait. 100 uses all of it. A setting of the whole run: the first item's value applies to every item.",
	},
	{
		displayName: 'Initial Retry Delay (Ms)',
		name: 'initialRetryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description:
			"Upper bound of the first random wait before a retry, doubled each retry (exponential backoff with jitter). Meta's own wait hints take precedence. A setting of the whole run: the first item's value applies to every item.",
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 100 },
		default: 30000,
		description:
			"How long to wait for Meta to answer one request. A setting of the whole run: the first item's value applies to every item.",
	},
];

/** How many requests Add Phone Number sends at once: a run setting. */
export const requestsInFlightOption: INodeProperties = {
	displayName: 'Requests in Flight',
	name: 'requestsInFlight',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10 },
	default: 1,
	description:
		"How many numbers to add at the same time. A setting of the whole run: the first item's value applies to every item.",
};

/** Validate Only: the whole run previews instead of calling Meta, so it is a run setting. */
export const validateOnlyOption: INodeProperties = {
	displayName: 'Validate Only',
	name: 'validateOnly',
	type: 'boolean',
	default: false,
	description:
		"Whether to only normalize and check every number, returning its E.164 form, country and type, without calling Meta: a safe preview of a spreadsheet. A setting of the whole run: the first item's value applies to every item.",
};

/**
 * The Options that set the whole run, read once from the first item by the router alone. Every
 * other option is a row's value, read for its own item.
 */
export const RUN_SETTINGS: ReadonlySet<string> = new Set(
	[...requestOptions, requestsInFlightOption, validateOnlyOption].map((option) => option.name),
);

/** The "Options" collection: the operation's own options and the request options, sorted. */
export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...extra, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/**
 * Business ID, on the operations that send it: optional, as an empty field takes the
 * credential's Business ID. The From List pickers use the credential's too, so operations on
 * one number or WABA need no Business ID field at all.
 */
export function businessIdField(description: string): INodeProperties {
	return {
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		placeholder: "The credential's Business ID",
		description,
	};
}

/** ISO 3166-1 alpha-2 countries with English names, for numbers without a country code. */
export function defaultCountryField(description: string): INodeProperties {
	return {
		displayName: 'Default Country',
		name: 'defaultCountry',
		type: 'options',
		default: '',
		options: [{ name: 'None (Numbers Include Country Code)', value: '' }, ...COUNTRY_OPTIONS],
		description,
	};
}

/** A resource locator for an ID: From List (a list search method) or By ID (digits). */
export function idLocatorField(field: {
	displayName: string;
	name: string;
	description: string;
	searchListMethod: string;
	required?: boolean;
}): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		required: field.required ?? true,
		default: { mode: 'list', value: '' },
		description: field.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
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

/** The fields of an operation on one pre-verified number ("From List": the credential's business). */
export const preVerifiedNumberFields: INodeProperties[] = [
	idLocatorField({
		displayName: 'Pre-Verified Number',
		name: 'preVerifiedNumberId',
		description:
			"The pre-verified phone number to act on. From List shows the numbers of the credential's Business ID.",
		searchListMethod: 'searchPreVerifiedNumbers',
	}),
];

/** The WhatsApp Business Account whose numbers an operation lists or adds to. */
export const wabaFields: INodeProperties[] = [
	idLocatorField({
		displayName: 'WhatsApp Business Account',
		name: 'wabaId',
		description:
			"The WhatsApp Business Account (WABA) that holds the phone numbers. From List shows the WABAs of the credential's Business ID.",
		searchListMethod: 'searchWhatsAppBusinessAccounts',
	}),
];

/** The fields of an operation on one WABA phone number; the WABA only helps "From List". */
export const phoneNumberFields: INodeProperties[] = [
	idLocatorField({
		displayName: 'WhatsApp Business Account',
		name: 'wabaId',
		description: 'The WABA whose numbers "From List" shows. Not needed with "By ID".',
		searchListMethod: 'searchWhatsAppBusinessAccounts',
		required: false,
	}),
	idLocatorField({
		displayName: 'Phone Number',
		name: 'phoneNumberId',
		description: 'The WABA phone number to act on',
		searchListMethod: 'searchPhoneNumbers',
	}),
];

/** A two-step verification PIN: a password field, never shown back. */
export function pinField(description: string): INodeProperties {
	return {
		displayName: 'PIN',
		name: 'pin',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: '6 digits',
		description,
	};
}

/** Return All, or Limit when it is off: how many entries a list operation returns. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

const DEFAULT_COUNTRY_HELP =
	'Country of numbers written without a country code, e.g. (631) 555-1000. Numbers with "+" or "00" keep their own country. Choose from the list, or specify an ISO 3166-1 alpha-2 code using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** Phone Number in any common format and its Default Country: what readPhoneNumber reads. */
export function phoneNumberInputFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			required: true,
			default: '',
			placeholder: '+1 631 555 1000',
			description,
		},
		defaultCountryField(DEFAULT_COUNTRY_HELP),
	];
}

/** The fields of an operation on one message template; the WABA only helps "From List". */
export const messageTemplateFields: INodeProperties[] = [
	idLocatorField({
		displayName: 'WhatsApp Business Account',
		name: 'wabaId',
		description: 'The WABA whose templates "From List" shows. Not needed with "By ID".',
		searchListMethod: 'searchWhatsAppBusinessAccounts',
		required: false,
	}),
	idLocatorField({
		displayName: 'Message Template',
		name: 'templateId',
		description: 'The message template to act on',
		searchListMethod: 'searchMessageTemplates',
	}),
];
