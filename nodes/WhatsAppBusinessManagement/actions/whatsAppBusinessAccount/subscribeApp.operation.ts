import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { parseUrl } from '../../helpers/url';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['subscribeApp'] } },
	[
		...wabaFields,
		optionsCollection([
			{
				displayName: 'Override Callback URL',
				name: 'overrideCallbackUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/whatsapp/webhook',
				description:
					"Send this WABA's webhooks to this https address instead of the app's callback URL. Needs Verify Token.",
			},
			{
				displayName: 'Verify Token',
				name: 'verifyToken',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'The token Meta sends to the override callback URL to verify it, as your endpoint expects it. Never shown in outputs.',
			},
		]),
	],
);

interface Subscription {
	wabaId: string;
	overrideCallbackUri?: string;
	verifyToken?: string;
}

/** Reads the override callback: https only, and only with its verify token. */
function readOverride(options: IDataObject): Omit<Subscription, 'wabaId'> {
	const uri =
		typeof options.overrideCallbackUrl === 'string' ? options.overrideCallbackUrl.trim() : '';
	const token = typeof options.verifyToken === 'string' ? options.verifyToken : '';
	if (uri === '') {
		if (token !== '') {
			throw new InputError(
				'Verify Token is set but Override Callback URL is empty: set both, or remove the Verify Token.',
			);
		}
		return {};
	}
	const url = parseUrl(uri);
	if (!url || url.protocol !== 'https:') {
		throw new InputError(
			`Override Callback URL ${quoteInput(uri)} is not an https address: Meta calls only https callbacks. Use e.g. https://example.com/whatsapp/webhook.`,
		);
	}
	if (token === '') {
		throw new InputError(
			'Override Callback URL needs its Verify Token: add the Verify Token option, as your endpoint expects it.',
		);
	}
	return { overrideCallbackUri: url.href, verifyToken: token };
}

/** Subscribes the token's app to the WABA's webhooks: messages, statuses, account updates. */
export const subscribeApp: Operation<Subscription> = {
	description,

	prepare(context, itemIndex, options) {
		return { wabaId: readWabaId(context, itemIndex), ...readOverride(options) };
	},

	async run(context, connection, { wabaId, overrideCallbackUri, verifyToken }) {
		const body: IDataObject = {};
		if (overrideCallbackUri && verifyToken) {
			body.override_callback_uri = overrideCallbackUri;
			body.verify_token = verifyToken;
		}
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.subscribedApps(wabaId),
			body,
			secrets: verifyToken ? [verifyToken] : [],
		});
		return {
			waba_id: wabaId,
			success: answer.success === true,
			subscribed: answer.success === true,
			...(overrideCallbackUri ? { override_callback_uri: overrideCallbackUri } : {}),
		};
	},
};
