import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { toUnixSeconds } from '../../helpers/analytics';
import { COUNTRY_OPTIONS } from '../../helpers/countries';
import { InputError } from '../../helpers/errors';
import { parseUrl } from '../../helpers/url';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { OBA_RETRY_AFTER_DAYS, readObaStatus } from './officialBusinessAccount';

const DAY_MS = 86_400_000;

const properties: INodeProperties[] = [
	...phoneNumberFields,
	{
		displayName: 'Business Website URL',
		name: 'businessWebsiteUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://www.example.com',
		description: "The business's own website (https)",
	},
	{
		displayName: 'Primary Country of Operation',
		name: 'primaryCountry',
		type: 'options',
		required: true,
		options: COUNTRY_OPTIONS,
		default: 'US',
	},
	{
		displayName: 'Primary Language',
		name: 'primaryLanguage',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'English',
		description: 'The language the business mainly communicates in',
	},
	{
		displayName: 'Supporting Links',
		name: 'supportingLinks',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'https://news.example.com/article, https://en.wikipedia.org/wiki/Example, …',
		description:
			'5 to 10 https links to articles about the business in well-known news publications (not paid or promotional), separated by commas or new lines, or a list from an expression',
	},
	optionsCollection([
		{
			displayName: 'Parent Business or Brand',
			name: 'parentBusinessOrBrand',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Additional Supporting Information',
			name: 'additionalSupportingInformation',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
		},
		{
			displayName: 'Last Rejected At',
			name: 'rejectedAt',
			type: 'dateTime',
			default: '',
			description:
				'When Meta rejected the last request, as your sheet or the trigger recorded it (Meta does not answer the date). Meta accepts a new request 30 days after a rejection: within them the node refuses before sending.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['requestOba'] } },
	properties,
);

interface ObaRequest {
	id: string;
	body: IDataObject;
	/** Unix seconds of the last rejection, when the item says it. */
	rejectedAt?: number;
}

function readLinks(value: unknown): string[] {
	const entries = Array.isArray(value) ? value : String(value ?? '').split(/[,\n]/);
	const links = [...new Set(entries.map((e) => String(e).trim()).filter((e) => e !== ''))];
	const bad = links.find((link) => parseUrl(link)?.protocol !== 'https:');
	if (bad !== undefined) {
		throw new InputError(`Supporting link ${quoteInput(bad)} is not an https address.`);
	}
	if (links.length < 5 || links.length > 10) {
		throw new InputError(
			`Supporting Links has ${links.length} links; Meta asks for 5 to 10 articles about the business in well-known publications.`,
		);
	}
	return links;
}

/**
 * Requests the Official Business Account badge for a number, with the fields Meta's OBA page
 * names (the contract's body differs: docs/meta-limits.md). The status is read first: a number
 * already pending or approved is a success that says so; within 30 days of a rejection the
 * request is refused before it is sent, with the day it may be.
 */
export const requestOba: Operation<ObaRequest> = {
	description,

	prepare(context, itemIndex, options) {
		const website = String(context.getNodeParameter('businessWebsiteUrl', itemIndex, '')).trim();
		if (parseUrl(website)?.protocol !== 'https:') {
			throw new InputError(
				`Business Website URL ${quoteInput(website)} is not an https address: use e.g. https://www.example.com.`,
			);
		}
		const language = String(context.getNodeParameter('primaryLanguage', itemIndex, '')).trim();
		if (language === '') throw new InputError('Primary Language is empty: e.g. English.');
		const body: IDataObject = {
			business_website_url: website,
			primary_country_of_operation: String(
				context.getNodeParameter('primaryCountry', itemIndex, ''),
			),
			primary_language: language,
			supporting_links: readLinks(context.getNodeParameter('supportingLinks', itemIndex, '')),
		};
		for (const [option, field] of [
			['parentBusinessOrBrand', 'parent_business_or_brand'],
			['additionalSupportingInformation', 'additional_supporting_information'],
		]) {
			const text = String(options[option] ?? '').trim();
			if (text !== '') body[field] = text;
		}
		const rejectedAt =
			options.rejectedAt === undefined || options.rejectedAt === ''
				? undefined
				: toUnixSeconds('Last Rejected At', options.rejectedAt);
		return { id: readPhoneNumberId(context, itemIndex), body, rejectedAt };
	},

	async run(context, connection, { id, body, rejectedAt }) {
		const before = await readObaStatus(context, connection, id);
		if (before.oba_status === 'PENDING' || before.oba_status === 'APPROVED') {
			return { ...before, requested: false, alreadyRequested: true };
		}
		if (before.oba_status === 'REJECTED' && rejectedAt !== undefined) {
			const allowed = rejectedAt * 1000 + OBA_RETRY_AFTER_DAYS * DAY_MS;
			if (Date.now() < allowed) {
				throw new InputError(
					`Meta rejected this number's Official Business Account request on ${new Date(rejectedAt * 1000).toISOString().slice(0, 10)} and accepts a new one 30 days later: send it on or after ${new Date(allowed).toISOString().slice(0, 10)}.`,
				);
			}
		}
		await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: [...edges.node(id), 'official_business_account'],
			body,
			refusalHint: `Meta accepts a new Official Business Account request ${OBA_RETRY_AFTER_DAYS} days after a rejection; check the links are articles about the business in well-known publications.`,
		});
		return {
			...(await readObaStatus(context, connection, id)),
			requested: true,
			alreadyRequested: false,
		};
	},
};
