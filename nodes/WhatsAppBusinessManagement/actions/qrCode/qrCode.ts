import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { checkLength } from '../../helpers/textLimits';
import { quoteInput } from '../../helpers/userInput';
import { downloadFile, edges, graphApiRequestAllItems } from '../../transport';
import type { GraphConnection } from '../../transport';
import { withFile } from '../output';
import type { ItemWithFile } from '../output';

export type ImageFormat = 'PNG' | 'SVG' | 'none';

const MIME_TYPES: Record<Exclude<ImageFormat, 'none'>, string> = {
	PNG: 'image/png',
	SVG: 'image/svg+xml',
};

// Meta's QR code IDs: 14 capital letters and digits. The contract's pattern says A-Z and 2-7,
// but its own examples (ANED2T5QRU7HG1) and Meta's pages use any digit.
const QR_CODE_ID = /^[A-Z0-9]{14}$/;

export const qrCodeIdField: INodeProperties = {
	displayName: 'QR Code ID',
	name: 'qrCodeId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'ANED2T5QRU7HG1',
	description: 'The code Meta gave the QR code: 14 capital letters and digits',
};

export const prefilledMessageField: INodeProperties = {
	displayName: 'Prefilled Message',
	name: 'prefilledMessage',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'Hi! I would like to know more about your offers.',
	description:
		'The message a customer finds typed in the chat after scanning, up to 140 characters',
};

export function imageFields(defaultFormat: ImageFormat): INodeProperties[] {
	return [
		{
			displayName: 'Image Format',
			name: 'imageFormat',
			type: 'options',
			options: [
				{ name: 'PNG', value: 'PNG', description: 'A picture, for mail and chat' },
				{ name: 'SVG', value: 'SVG', description: 'A vector image, for print and web pages' },
				{ name: 'No Image', value: 'none', description: 'Only the code and its link' },
			],
			default: defaultFormat,
			description:
				'The QR code image comes back as binary data, for the next node to mail, store or publish',
		},
		{
			displayName: 'Put Image in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'The name of the binary field the image goes into',
			displayOptions: { hide: { imageFormat: ['none'] } },
		},
	];
}

export function readQrCodeId(context: IExecuteFunctions, itemIndex: number): string {
	const value = String(context.getNodeParameter('qrCodeId', itemIndex, '') ?? '').trim();
	const code = value.replace(/^https:\/\/wa\.me\/message\//i, '').toUpperCase();
	if (!QR_CODE_ID.test(code)) {
		throw new InputError(
			`QR Code ID ${quoteInput(value)} is not valid: use the 14-character code Meta returned (capital letters and digits), e.g. ANED2T5QRU7HG1.`,
		);
	}
	return code;
}

export function readPrefilledMessage(context: IExecuteFunctions, itemIndex: number): string {
	const text = String(context.getNodeParameter('prefilledMessage', itemIndex, '') ?? '').trim();
	return checkLength('Prefilled Message', text, 140, 1);
}

export interface ImageRequest {
	format: ImageFormat;
	binaryPropertyName: string;
}

export function readImageRequest(context: IExecuteFunctions, itemIndex: number): ImageRequest {
	const format = context.getNodeParameter('imageFormat', itemIndex, 'none') as ImageFormat;
	if (!['PNG', 'SVG', 'none'].includes(format)) {
		throw new InputError(`Image Format ${quoteInput(String(format))} is not PNG, SVG or No Image.`);
	}
	const binaryPropertyName = String(
		context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? 'data',
	).trim();
	if (format !== 'none' && !/^[A-Za-z0-9_-]+$/.test(binaryPropertyName)) {
		throw new InputError(
			`Put Image in Field ${quoteInput(binaryPropertyName)} is not a field name: use letters, digits, _ or -, e.g. data.`,
		);
	}
	return { format, binaryPropertyName };
}

/** message_qrdls pages hold at most 25 codes (the contract's cap on `limit`). */
const QR_CODE_PAGE_SIZE = 25;

/** The number's QR codes, up to `limit`, with the image URL in `format` when one is asked. */
export async function listQrCodes(
	context: IExecuteFunctions,
	connection: GraphConnection,
	phoneNumberId: string,
	format: ImageFormat,
	limit = Infinity,
): Promise<IDataObject[]> {
	return await graphApiRequestAllItems.call(
		context,
		connection,
		{ method: 'GET', path: edges.qrCodes(phoneNumberId), qs: { fields: qrCodeFields(format) } },
		{ limit, pageSize: QR_CODE_PAGE_SIZE },
	);
}

/** The fields to ask for: the image's URL in the chosen format, when one is wanted. */
export function qrCodeFields(format: ImageFormat): string {
	const base = 'code,prefilled_message,deep_link_url';
	return format === 'none' ? base : `${base},qr_image_url.format(${format})`;
}

/** A single QR code answer: the contract's object, or Meta's `{data: [object]}`. */
export function readQrCode(answer: IDataObject): IDataObject {
	return Array.isArray(answer.data) ? ((answer.data[0] as IDataObject | undefined) ?? {}) : answer;
}

/** The QR code's output item, with its image as binary data when one was asked for. */
export async function withImage(
	context: IExecuteFunctions,
	connection: GraphConnection,
	qrCode: IDataObject,
	image: ImageRequest,
): Promise<IDataObject | ItemWithFile> {
	const address = typeof qrCode.qr_image_url === 'string' ? qrCode.qr_image_url : '';
	if (image.format === 'none' || address === '') return qrCode;
	const file = await downloadFile.call(context, connection, address);
	const extension = image.format === 'PNG' ? 'png' : 'svg';
	const binary = await context.helpers.prepareBinaryData(
		file.data,
		`whatsapp-qr-${String(qrCode.code ?? 'code')}.${extension}`,
		MIME_TYPES[image.format],
	);
	return withFile(
		{ ...qrCode, image_format: image.format },
		{ [image.binaryPropertyName]: binary },
	);
}
