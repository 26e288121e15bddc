import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { quoteInput } from '../helpers/userInput';
import { checkUploadFile, uploadFile } from '../transport';
import type { GraphConnection } from '../transport';

/** A file of an input item to upload with Meta's Resumable Upload API, checked before any request. */
export interface BinaryUpload {
	/** What the file is for, as messages name it, e.g. "The profile picture". */
	label: string;
	itemIndex: number;
	field: string;
	fileName: string;
	mimeType: string;
	appId: string;
	accepted: { types: string[]; maxBytes: number };
}

/**
 * The item's file to upload: its binary field exists, its type and size are what Meta accepts
 * there, and the credential has the App ID the upload needs. `fieldLabel` names the node's field.
 */
export function readBinaryUpload(
	context: IExecuteFunctions,
	itemIndex: number,
	upload: {
		label: string;
		fieldLabel: string;
		field: string;
		appId: string;
		accepted: BinaryUpload['accepted'];
	},
): BinaryUpload {
	const field = upload.field.trim();
	if (field === '') {
		throw new InputError(
			`${upload.fieldLabel} is empty: enter the name of the binary field holding the file, e.g. data.`,
		);
	}
	if (!/^[0-9]+$/.test(upload.appId)) {
		throw new InputError(
			`Uploading ${upload.label.toLowerCase()} needs the App ID in the credential${upload.appId ? ` (${quoteInput(upload.appId)} is not digits)` : ''}: App Dashboard > your app > App settings > Basic.`,
		);
	}
	const binary = context.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		throw new InputError(
			`The input item has no binary field ${quoteInput(field)} for ${upload.label.toLowerCase()}: read the file first (e.g. with Read/Write Files from Disk or HTTP Request) or name its field in ${upload.fieldLabel}.`,
		);
	}
	checkUploadFile(
		upload.label,
		{ mimeType: binary.mimeType ?? '', size: binary.bytes ?? 1 },
		upload.accepted,
	);
	return {
		label: upload.label,
		itemIndex,
		field,
		fileName: binary.fileName ?? field,
		mimeType: binary.mimeType,
		appId: upload.appId,
		accepted: upload.accepted,
	};
}

/** Reads the item's bytes, checks their real size, uploads them and returns Meta's handle. */
export async function uploadBinary(
	context: IExecuteFunctions,
	connection: GraphConnection,
	upload: BinaryUpload,
): Promise<string> {
	const bytes = await context.helpers.getBinaryDataBuffer(upload.itemIndex, upload.field);
	checkUploadFile(upload.label, { mimeType: upload.mimeType, size: bytes.length }, upload.accepted);
	return await uploadFile.call(context, connection, upload.appId, {
		bytes,
		fileName: upload.fileName,
		mimeType: upload.mimeType,
	});
}
