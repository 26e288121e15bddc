import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';
import {
	imageFields,
	listQrCodes,
	prefilledMessageField,
	readImageRequest,
	readPrefilledMessage,
	withImage,
} from './qrCode';
import type { ImageRequest } from './qrCode';

export const description = updateDisplayOptions(
	{ show: { resource: ['qrCode'], operation: ['create'] } },
	[...phoneNumberFields, prefilledMessageField, ...imageFields('PNG'), optionsCollection()],
);

interface Creation {
	phoneNumberId: string;
	message: string;
	image: ImageRequest;
}

/** Creates a QR code and short link that open a chat with the number, the message typed in. */
export const create: Operation<Creation> = {
	description,

	prepare(context, itemIndex) {
		return {
			phoneNumberId: readPhoneNumberId(context, itemIndex),
			message: readPrefilledMessage(context, itemIndex),
			image: readImageRequest(context, itemIndex),
		};
	},

	async run(context, connection, { phoneNumberId, message, image }) {
		// Meta makes a new code for every create: after a lost answer, the number's codes are
		// read first, and a code with this very message is the one the first attempt made (a
		// code with the same message is the same chat link, so an older one serves as well).
		const findApplied = async () => {
			const codes = await listQrCodes(context, connection, phoneNumberId, image.format);
			return codes.filter((code) => code.prefilled_message === message).pop();
		};
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.qrCodes(phoneNumberId),
			body: {
				prefilled_message: message,
				...(image.format === 'none' ? {} : { generate_qr_image: image.format }),
			},
			findApplied,
		});
		return await withImage(context, connection, answer, image);
	},
};
