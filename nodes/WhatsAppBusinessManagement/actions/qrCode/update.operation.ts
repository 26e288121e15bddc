import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { prefilledMessageField, qrCodeIdField, readPrefilledMessage, readQrCodeId } from './qrCode';

export const description = updateDisplayOptions(
	{ show: { resource: ['qrCode'], operation: ['update'] } },
	[...phoneNumberFields, qrCodeIdField, prefilledMessageField, optionsCollection()],
);

/** Changes a QR code's prefilled message; the code, its link and image stay. */
export const update: Operation<{ phoneNumberId: string; code: string; message: string }> = {
	description,

	prepare(context, itemIndex) {
		return {
			phoneNumberId: readPhoneNumberId(context, itemIndex),
			code: readQrCodeId(context, itemIndex),
			message: readPrefilledMessage(context, itemIndex),
		};
	},

	async run(context, connection, { phoneNumberId, code, message }) {
		return await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.qrCodes(phoneNumberId),
			body: { code, prefilled_message: message },
		});
	},
};
