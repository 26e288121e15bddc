import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, phoneNumberFields, returnAllFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit, readPhoneNumberId } from '../parameters';
import { imageFields, listQrCodes, readImageRequest, withImage } from './qrCode';
import type { ImageRequest } from './qrCode';

export const description = updateDisplayOptions(
	{ show: { resource: ['qrCode'], operation: ['getMany'] } },
	[...phoneNumberFields, ...returnAllFields, ...imageFields('none'), optionsCollection()],
);

/** Lists the number's QR codes, one output item each (with its image, if asked). */
export const getMany: Operation<{ phoneNumberId: string; limit: number; image: ImageRequest }> = {
	description,

	prepare(context, itemIndex) {
		return {
			phoneNumberId: readPhoneNumberId(context, itemIndex),
			limit: readLimit(context, itemIndex),
			image: readImageRequest(context, itemIndex),
		};
	},

	async run(context, connection, { phoneNumberId, limit, image }) {
		const qrCodes = await listQrCodes(context, connection, phoneNumberId, image.format, limit);
		const items = [];
		for (const qrCode of qrCodes) items.push(await withImage(context, connection, qrCode, image));
		return items;
	},
};
