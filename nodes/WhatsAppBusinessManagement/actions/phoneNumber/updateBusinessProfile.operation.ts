import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { checkCount, checkLength } from '../../helpers/textLimits';
import { parseUrl } from '../../helpers/url';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { readBinaryUpload, uploadBinary } from '../binaryUpload';
import type { BinaryUpload } from '../binaryUpload';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { VERTICALS } from './businessProfile';

const properties: INodeProperties[] = [
	...phoneNumberFields,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Only the fields added here change; the others keep their value',
		options: [
			{
				displayName: 'About',
				name: 'about',
				type: 'string',
				default: '',
				description: 'The About text under the name, 1 to 139 characters',
			},
			{
				displayName: 'Address',
				name: 'address',
				type: 'string',
				default: '',
				description: 'Where customers find the business, up to 256 characters',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What the business does, up to 512 characters',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
				description: 'Contact email, up to 128 characters',
			},
			{
				displayName: 'Industry',
				name: 'vertical',
				type: 'options',
				options: VERTICALS.map(([name, value]) => ({ name, value })),
				default: 'OTHER',
				description: "The business's vertical, from Meta's list",
			},
			{
				displayName: 'Profile Picture (Input Binary Field)',
				name: 'profilePictureBinaryField',
				type: 'string',
				default: 'data',
				placeholder: 'data',
				description:
					"The input item's binary field holding the new picture, a JPEG or PNG of at most 5 MB (Meta recommends 640×640). The node uploads it with Meta's Resumable Upload API; needs the App ID in the credential.",
			},
			{
				displayName: 'Profile Picture Handle',
				name: 'profilePictureHandle',
				type: 'string',
				default: '',
				description:
					"The handle of an image already uploaded with Meta's Resumable Upload API (starts with 4::). To upload one from binary data, use Profile Picture (Input Binary Field) instead.",
			},
			{
				displayName: 'Websites',
				name: 'websites',
				type: 'string',
				default: '',
				placeholder: 'https://www.example.com, https://shop.example.com',
				description:
					'One or two http(s) addresses, separated by a comma or a new line, up to 256 characters each. Replaces the current ones.',
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['updateBusinessProfile'] } },
	properties,
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function readWebsites(value: unknown): string[] {
	const list = (Array.isArray(value) ? value.map(String) : String(value).split(/[,\n]/))
		.map((site) => site.trim())
		.filter((site) => site !== '');
	checkCount('Websites', list.length, 2);
	for (const site of list) {
		checkLength(`Website ${quoteInput(site.slice(0, 40))}`, site, 256);
		const url = parseUrl(site);
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
			throw new InputError(
				`Website ${quoteInput(site)} is not a web address: write it with http:// or https://, e.g. https://www.example.com.`,
			);
		}
	}
	return list;
}

/** The profile fields to send, each checked against Meta's limits. */
export function readProfileUpdate(fields: IDataObject): IDataObject {
	const text = (name: string) =>
		typeof fields[name] === 'string' || typeof fields[name] === 'number'
			? String(fields[name]).trim()
			: undefined;
	const update: IDataObject = {};
	const about = text('about');
	if (about !== undefined) update.about = checkLength('About', about, 139, 1);
	const address = text('address');
	if (address !== undefined) update.address = checkLength('Address', address, 256);
	const description = text('description');
	if (description !== undefined) update.description = checkLength('Description', description, 512);
	const email = text('email');
	if (email !== undefined) {
		checkLength('Email', email, 128);
		if (email !== '' && !EMAIL.test(email)) {
			throw new InputError(
				`Email ${quoteInput(email)} is not an email address: write it like name@example.com.`,
			);
		}
		update.email = email;
	}
	if (fields.vertical !== undefined) {
		if (!VERTICALS.some(([, value]) => value === fields.vertical)) {
			throw new InputError(
				`Industry ${quoteInput(String(fields.vertical))} is not one of Meta's verticals: pick one from the list.`,
			);
		}
		update.vertical = fields.vertical;
	}
	const handle = text('profilePictureHandle');
	if (handle) update.profile_picture_handle = handle;
	if (fields.websites !== undefined) update.websites = readWebsites(fields.websites);
	return update;
}

/** Meta's profile picture: a JPEG or PNG of at most 5 MB (its "Profile: Photo" page). */
const PROFILE_PICTURE = {
	types: ['image/jpeg', 'image/jpg', 'image/png'],
	maxBytes: 5 * 1_048_576,
};

/**
 * The item's picture to upload, checked before any request: its binary field exists, is a JPEG
 * or PNG, and the credential has the App ID the upload needs.
 */
function readPictureUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	appId: string,
): BinaryUpload | undefined {
	if (fields.profilePictureBinaryField === undefined) return undefined;
	if (typeof fields.profilePictureHandle === 'string' && fields.profilePictureHandle.trim()) {
		throw new InputError(
			'Both Profile Picture (Input Binary Field) and Profile Picture Handle are set: keep one of them.',
		);
	}
	return readBinaryUpload(context, itemIndex, {
		label: 'The profile picture',
		fieldLabel: 'Profile Picture (Input Binary Field)',
		field: String(fields.profilePictureBinaryField),
		appId,
		accepted: PROFILE_PICTURE,
	});
}

interface Prepared {
	id: string;
	update: IDataObject;
	picture?: BinaryUpload;
}

/**
 * Changes how the number shows to customers; only the fields set are sent. A picture from binary
 * data is uploaded first, and its handle sent as profile_picture_handle.
 */
export const updateBusinessProfile: Operation<Prepared> = {
	description,

	prepare(context, itemIndex, _options, run) {
		const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const update = readProfileUpdate(fields);
		const picture = readPictureUpload(context, itemIndex, fields, run.credentialAppId);
		if (Object.keys(update).length === 0 && !picture) {
			throw new InputError(
				'Nothing to update: add at least one field under Update Fields (About, Address, Description, Email, Industry, Profile Picture, Websites).',
			);
		}
		return { id: readPhoneNumberId(context, itemIndex), update, picture };
	},

	async run(context, connection, { id, update, picture }) {
		const sent = { ...update };
		if (picture) sent.profile_picture_handle = await uploadBinary(context, connection, picture);
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.businessProfile(id),
			body: { messaging_product: 'whatsapp', ...sent },
		});
		return { id, success: answer.success === true, updated: Object.keys(sent), ...sent };
	},
};
