import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import { qrCodeIdField, readQrCodeId } from './qrCode';

export const description = updateDisplayOptions(
	{ show: { resource: ['qrCode'], operation: ['delete'] } },
	[...phoneNumberFields, qrCodeIdField, optionsCollection()],
);

/** Deletes a QR code: its link and image stop working. */
export const deleteQrCode: Operation<{ phoneNumberId: string; code: string }> = {
	description,

	prepare(context, itemIndex) {
		return {
			phoneNumberId: readPhoneNumberId(context, itemIndex),
			code: readQrCodeId(context, itemIndex),
		};
	},

	async run(context, connection, { phoneNumberId, code }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.qrCode(phoneNumberId, code),
		});
		return { code, success: answer.success === true, deleted: answer.success === true };
	},
};
