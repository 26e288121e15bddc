/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// A phone number's QR codes (message_qrdls): create, get, list, update, delete; and the "CDN"
// that serves their images, as Meta's does: a plain URL outside the Graph API, no token needed.
import type { ServerResponse } from 'http';

import { graphError, page } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, QrCode, SimulatorState, WabaPhoneNumber } from '../types';

/** The edges whose paths go one segment deeper: /{target}/{edge}/{child}. */
export const EDGES_WITH_CHILD = new Set(['message_qrdls']);

export const CDN_PREFIX = '/cdn/qr/';

// A 1x1 PNG: a real image for the node to hand on as binary data.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==',
	'base64',
);
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function newCode(state: SimulatorState): string {
	let n = Number(state.newId());
	let code = '';
	for (let i = 0; i < 14; i++) {
		code = BASE32[n % 32] + code;
		n = Math.floor(n / 32);
	}
	return code;
}

/** The image format a request asks for: generate_qr_image, or fields=qr_image_url.format(X). */
function askedFormat(url: URL, body: Record<string, unknown>): string | undefined {
	if (body.generate_qr_image !== undefined) return String(body.generate_qr_image);
	return /qr_image_url\.format\((PNG|SVG)\)/.exec(url.searchParams.get('fields') ?? '')?.[1];
}

function view(state: SimulatorState, qr: QrCode, format: string | undefined) {
	return {
		code: qr.code,
		prefilled_message: qr.prefilled_message,
		deep_link_url: `https://wa.me/message/${qr.code}`,
		...(format
			? { qr_image_url: `${state.baseUrl}${CDN_PREFIX}${qr.code}.${format.toLowerCase()}` }
			: {}),
	};
}

function checkMessage(body: Record<string, unknown>): string {
	const message = body.prefilled_message;
	if (typeof message !== 'string' || message === '' || [...message].length > 140) {
		throw graphError(400, 100, 'Invalid parameter: prefilled_message must be 1 to 140 characters');
	}
	return message;
}

function find(phone: WabaPhoneNumber, code: string): QrCode {
	const qr = phone.qrCodes?.get(code);
	if (!qr) throw graphError(404, 100, `QR code ${code} does not exist`);
	return qr;
}

/** /{Phone-Number-ID}/message_qrdls and /{Phone-Number-ID}/message_qrdls/{code}. */
export function routeQrCodes(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, child, url, body } = route;
	const phone = state.phoneNumbers.get(target);
	if (!phone || edge !== 'message_qrdls') return NOT_MINE;
	const codes = (phone.qrCodes ??= new Map());
	const format = askedFormat(url, body);
	if (format !== undefined && format !== 'PNG' && format !== 'SVG') {
		throw graphError(400, 100, 'Invalid parameter: generate_qr_image must be PNG or SVG');
	}
	if (child !== undefined) {
		const qr = find(phone, child);
		if (method === 'GET') return view(state, qr, format);
		if (method === 'DELETE') {
			codes.delete(child);
			return { success: true };
		}
		return NOT_MINE;
	}
	if (method === 'GET') {
		// The contract caps message_qrdls pages at 25.
		return page(state.baseUrl, [...codes.values()], url, (qr) => view(state, qr, format), 25);
	}
	if (method !== 'POST') return NOT_MINE;
	const message = checkMessage(body);
	if (body.code !== undefined) {
		const qr = find(phone, String(body.code));
		qr.prefilled_message = message;
		return view(state, qr, undefined);
	}
	const qr: QrCode = { code: newCode(state), prefilled_message: message, createdAt: state.now() };
	codes.set(qr.code, qr);
	return view(state, qr, format);
}

/** GET /cdn/qr/{code}.{png|svg}: the image, for any code that exists. No token needed. */
export function serveQrImage(state: SimulatorState, url: URL, res: ServerResponse): number {
	const match = /^\/cdn\/qr\/([A-Z2-7]{14})\.(png|svg)$/.exec(url.pathname);
	const exists =
		match && [...state.phoneNumbers.values()].some((p) => p.qrCodes?.has(match[1]) === true);
	if (!match || !exists) {
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		res.end('Not found');
		return 404;
	}
	if (match[2] === 'png') {
		res.writeHead(200, { 'Content-Type': 'image/png' });
		res.end(PNG);
	} else {
		res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
		res.end(
			`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>https://wa.me/message/${match[1]}</title><rect width="1" height="1"/></svg>`,
		);
	}
	return 200;
}
