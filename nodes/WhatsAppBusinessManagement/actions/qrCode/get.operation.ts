import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import {
	imageFields,
	qrCodeFields,
	qrCodeIdField,
	readImageRequest,
	readQrCode,
	readQrCodeId,
	withImage,
} from './qrCode';
import type { ImageRequest } from './qrCode';

export const description = updateDisplayOptions(
	{ show: { resource: ['qrCode'], operation: ['get'] } },
	[...phoneNumberFields, qrCodeIdField, ...imageFields('PNG'), optionsCollection()],
);

/** Reads one QR code: its message, its link and, if asked, its image. */
export const get: Operation<{ phoneNumberId: string; code: string; image: ImageRequest }> = {
	description,

	prepare(context, itemIndex) {
		return {
			phoneNumberId: readPhoneNumberId(context, itemIndex),
			code: readQrCodeId(context, itemIndex),
			image: readImageRequest(context, itemIndex),
		};
	},

	async run(context, connection, { phoneNumberId, code, image }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.qrCode(phoneNumberId, code),
			qs: { fields: qrCodeFields(image.format) },
		});
		return await withImage(context, connection, readQrCode(answer), image);
	},
};
