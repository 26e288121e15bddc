/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// What every Graph API answer of the simulator shares: Meta's error shape, cursor paging, the
// way Meta shows phone numbers, reading a request body.
import { randomInt } from 'crypto';
import type { IncomingMessage } from 'http';

export const NUMERIC_ID = /^[0-9]+$/;
const MAX_PAGE = 100;
const DEFAULT_PAGE = 25;

export class HttpFailure extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>,
	) {
		super(String((body.error as { message?: string })?.message ?? status));
	}
}

export function graphError(
	status: number,
	code: number,
	message: string,
	extra: Record<string, unknown> = {},
): HttpFailure {
	return new HttpFailure(status, {
		error: {
			message,
			type: code === 190 ? 'OAuthException' : 'GraphMethodException',
			code,
			fbtrace_id: `Sim${randomInt(1e9).toString(36)}`,
			...extra,
		},
	});
}

/** Formats digits the way Meta's list answers do ("+1 631-555-1000"); callers compare digits. */
export function display(digits: string): string {
	if (digits.startsWith('1') && digits.length === 11) {
		return `+1 ${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`;
	}
	return `+${digits}`;
}

function encodeCursor(index: number): string {
	return Buffer.from(`sim:${index}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
	const text = Buffer.from(cursor, 'base64url').toString();
	const match = /^sim:(\d+)$/.exec(text);
	return match ? Number(match[1]) : undefined;
}

/** The page size a list request asks for, checked as Meta checks it. */
export function pageLimit(url: URL, maxPage = MAX_PAGE): number {
	const limitText = url.searchParams.get('limit');
	const limit = limitText === null ? Math.min(DEFAULT_PAGE, maxPage) : Number(limitText);
	if (!Number.isInteger(limit) || limit < 1 || limit > maxPage) {
		throw graphError(400, 100, `Param limit must be an integer between 1 and ${maxPage}`);
	}
	return limit;
}

/** One page of a list edge with Meta's cursor paging (limit, after, before). */
export function page<T>(
	baseUrl: string,
	all: T[],
	url: URL,
	view: (entry: T) => Record<string, unknown>,
	maxPage = MAX_PAGE,
) {
	const params = url.searchParams;
	const limit = pageLimit(url, maxPage);
	let start = 0;
	const after = params.get('after');
	const before = params.get('before');
	if (after) start = (decodeCursor(after) ?? -1) + 1;
	if (before) start = Math.max(0, (decodeCursor(before) ?? 0) - limit);
	const entries = all.slice(start, start + limit);
	const result: Record<string, unknown> = { data: entries.map(view) };
	if (entries.length > 0) {
		const paging: Record<string, unknown> = {
			cursors: { before: encodeCursor(start), after: encodeCursor(start + entries.length - 1) },
		};
		const base = `${baseUrl}${url.pathname}`;
		if (start + entries.length < all.length) {
			paging.next = `${base}?limit=${limit}&after=${encodeCursor(start + entries.length - 1)}`;
		}
		if (start > 0) paging.previous = `${base}?limit=${limit}&before=${encodeCursor(start)}`;
		result.paging = paging;
	}
	return result;
}

/** The fields a GET asked for, or the defaults, picked from the full view of an object. */
export function pickFields(
	full: Record<string, unknown>,
	fields: string | null,
	defaults: string[],
): Record<string, unknown> {
	const wanted = fields ? fields.split(',').map((f) => f.trim()) : defaults;
	const out: Record<string, unknown> = { id: full.id };
	for (const field of wanted) if (full[field] !== undefined) out[field] = full[field];
	return out;
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A request's body: its JSON (or form) fields, and its bytes as received (uploads). */
export async function readBody(
	req: IncomingMessage,
): Promise<{ fields: Record<string, unknown>; raw: Buffer }> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks);
	const text = raw.toString();
	if (!text) return { fields: {}, raw };
	try {
		const parsed = JSON.parse(text) as unknown;
		const fields = typeof parsed === 'object' && parsed !== null ? parsed : {};
		return { fields: fields as Record<string, unknown>, raw };
	} catch {
		// A file's bytes are no form either: its fields stay empty.
		const json = /^[\x20-\x7e]*$/.test(text);
		return { fields: json ? Object.fromEntries(new URLSearchParams(text)) : {}, raw };
	}
}
