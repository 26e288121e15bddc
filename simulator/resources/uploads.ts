// Meta's Resumable Upload API: POST /{app-id}/uploads opens a session for a file (name, length,
// type), POST /{upload-session-id} with the bytes, `Authorization: OAuth` and `file_offset`
// answers the file's handle, which profile_picture_handle (and template examples) take.
import { createHash } from 'crypto';

import { graphError } from '../graph';
import { NOT_MINE, SIMULATOR_APP } from '../types';
import type { GraphRoute, SimulatorState } from '../types';

/** The types Meta's page lists for uploads. */
const TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'];

function openSession(state: SimulatorState, appId: string, url: URL) {
	if (appId !== SIMULATOR_APP.id) {
		throw graphError(400, 100, `(#100) Invalid parameter: ${appId} is not the token's app`);
	}
	const params = url.searchParams;
	const fileLength = Number(params.get('file_length'));
	const fileType = params.get('file_type') ?? '';
	if (!Number.isInteger(fileLength) || fileLength < 1) {
		throw graphError(400, 100, '(#100) Param file_length must be a positive integer');
	}
	if (!TYPES.includes(fileType)) {
		throw graphError(400, 100, `(#100) Param file_type must be one of ${TYPES.join(', ')}`);
	}
	const n = state.uploads.size + 1;
	const key = Buffer.from(`1:session:${n}:${params.get('file_name') ?? ''}`).toString('base64url');
	const id = `upload:${key}`;
	state.uploads.set(id, {
		id,
		appId,
		fileName: params.get('file_name') ?? '',
		fileLength,
		fileType,
	});
	return { id: `${id}?sig=ARsim${n}` };
}

function receive(state: SimulatorState, route: GraphRoute) {
	const session = state.uploads.get(route.target);
	if (!session) throw graphError(400, 100, '(#100) Invalid upload session');
	// Meta's page: the file goes with "Authorization: OAuth", not Bearer.
	if (route.scheme !== 'OAuth') {
		throw graphError(401, 190, 'Upload sessions take the access token as Authorization: OAuth');
	}
	if (!route.url.searchParams.get('sig')) throw graphError(400, 100, '(#100) Missing sig');
	if (route.raw.length !== session.fileLength) {
		throw graphError(
			400,
			100,
			`(#100) The file has ${route.raw.length} bytes; the session was opened for ${session.fileLength}`,
		);
	}
	session.bytes = route.raw;
	session.handle = `4::${createHash('sha256').update(route.raw).digest('base64url').slice(0, 24)}`;
	return { h: session.handle };
}

/** POST /{app-id}/uploads and POST /{upload-session-id}. */
export function routeUploads(state: SimulatorState, route: GraphRoute): unknown {
	if (route.method !== 'POST') return NOT_MINE;
	if (route.target.startsWith('upload:') && !route.edge) return receive(state, route);
	if (route.edge === 'uploads') return openSession(state, route.target, route.url);
	return NOT_MINE;
}
