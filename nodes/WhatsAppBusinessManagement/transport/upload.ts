import { InputError } from '../helpers/errors';
import { graphApiRequest } from './graphApi';
import type { Context, GraphConnection } from './graphApi';
import { GraphApiError } from './GraphApiError';

/** A file for Meta's Resumable Upload API, read from an item's binary data. */
export interface UploadFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * Uploads a file with Meta's Resumable Upload API and returns its handle (`h`), for a field
 * such as `profile_picture_handle`: `POST /{app-id}/uploads` with the file's name, length and
 * type opens a session, `POST /{session}` with the bytes (`Authorization: OAuth`, `file_offset:
 * 0`) answers the handle. Both go to the credential's Base URL, paced and retried as any request;
 * sending the bytes again to the same session is safe (Meta writes from `file_offset`).
 */
export async function uploadFile(
	this: Context,
	connection: GraphConnection,
	appId: string,
	file: UploadFile,
): Promise<string> {
	const session = await graphApiRequest.call(this, connection, {
		method: 'POST',
		path: [appId, 'uploads'],
		qs: { file_name: file.fileName, file_length: file.bytes.length, file_type: file.mimeType },
	});
	const [id, query = ''] = String(session.id ?? '').split('?', 2);
	if (!/^upload:/.test(id)) {
		throw new GraphApiError({
			message: 'Meta opened no upload session (its answer had no "upload:" ID). Run again later.',
			category: 'server',
			retryable: false,
		});
	}
	const answer = await graphApiRequest.call(this, connection, {
		method: 'POST',
		path: [id],
		qs: Object.fromEntries(new URLSearchParams(query)),
		upload: { bytes: file.bytes, fileOffset: 0 },
	});
	if (typeof answer.h !== 'string' || answer.h === '') {
		throw new GraphApiError({
			message: 'Meta took the file but gave no handle for it. Run again later.',
			category: 'server',
			retryable: false,
		});
	}
	return answer.h;
}

/**
 * Checks a file against what Meta accepts where it goes, before anything is sent: its type,
 * then its size, each message naming the field and the limit.
 */
export function checkUploadFile(
	label: string,
	file: { mimeType: string; size: number },
	accepted: { types: string[]; maxBytes: number },
): void {
	const type = file.mimeType.toLowerCase().split(';')[0].trim();
	if (!accepted.types.includes(type)) {
		throw new InputError(
			`${label} is of type ${type || 'unknown'}; Meta accepts ${accepted.types.join(' or ')}. Convert the file first.`,
		);
	}
	if (file.size > accepted.maxBytes) {
		const bytes = (n: number) => n.toLocaleString('en-US');
		throw new InputError(
			`${label} is ${bytes(file.size)} bytes; Meta accepts at most ${bytes(accepted.maxBytes)} (${accepted.maxBytes / 1_048_576} MB). Make the file smaller first.`,
		);
	}
	if (file.size === 0)
		throw new InputError(`${label} is empty: the binary property holds no bytes.`);
}
