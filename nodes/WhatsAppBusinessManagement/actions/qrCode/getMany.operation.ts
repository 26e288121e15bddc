import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequestAllItems } from '../../transport';
import { optionsCollection, phoneNumberFields, returnAllFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit, readPhoneNumberId } from '../parameters';
import {
	imageFields,
	QR_CODE_PAGE_SIZE,
	qrCodeFields,
	readImageRequest,
	withImage,
} from './qrCode';
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
		const qrCodes = await graphApiRequestAllItems.call(
			context,
			connection,
			{
				method: 'GET',
				path: edges.qrCodes(phoneNumberId),
				qs: { fields: qrCodeFields(image.format) },
			},
			{ limit, pageSize: QR_CODE_PAGE_SIZE },
		);
		const items = [];
		for (const qrCode of qrCodes) items.push(await withImage(context, connection, qrCode, image));
		return items;
	},
};
