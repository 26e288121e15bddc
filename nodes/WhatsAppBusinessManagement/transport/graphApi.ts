import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { isLoopback, parseUrl } from '../helpers/url';
import { quoteInput } from '../helpers/userInput';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../version';
import { classifyGraphError, classifyHttpStatus, hintFor } from './classifyGraphError';
import { GraphApiError } from './GraphApiError';
import type { GraphErrorFields } from './GraphApiError';
import { DEFAULT_USAGE_CEILING_PERCENT } from './pacer';
import { RunPacer } from './sharedPacers';
import { DEFAULT_RETRY_POLICY, withRetries } from './retry';
import { readUsage } from './usageHeaders';
import type { RetryPolicy, RetryState } from './retry';

export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';
export const USER_AGENT = `${PACKAGE_NAME}/${PACKAGE_VERSION}`;
export const DEFAULT_TIMEOUT_MS = 30_000;
const API_VERSION = /^v\d+\.\d+$/;
// Path segments are IDs or edge names; nothing that could climb or add a query.
const PATH_SEGMENT = /^[A-Za-z0-9_]+$/;
// A Resumable Upload session as Meta names it ("upload:" and base64; its ?sig= goes in the query).
const UPLOAD_SESSION = /^upload:[A-Za-z0-9_\-+/=]+$/;
const NETWORK_CODE =
	/^(ECONN|ETIMEDOUT$|ESOCKETTIMEDOUT$|EPIPE$|ENOTFOUND$|EAI_AGAIN$|EHOSTUNREACH$|ENETUNREACH$|ERR_SOCKET_|UND_ERR_)/;

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The credential's connection settings, checked once per execution before any URL is built. */
export interface GraphConnection {
	baseUrl: string;
	apiVersion: string;
	/** Only to scrub it from anything that leaves the node; never put in a URL or an output. */
	secret: string;
	retry: RetryPolicy;
	timeoutMs: number;
	/** Every request of one node run; shared with the process's other runs of the budget. */
	pacer: RunPacer;
}

export interface ConnectionSettings {
	retry?: Partial<RetryPolicy>;
	timeoutMs?: number;
	/** The node's Requests in Flight: the pacer's widest window. */
	requestsInFlight?: number;
	/** The node's Usage Ceiling (%): the share of Meta's budget this run may fill. */
	usageCeilingPercent?: number;
}

export interface GraphRequest {
	method: IHttpRequestMethods;
	/** Path segments after the version, e.g. ['1234', 'add_phone_numbers']. */
	path: string[];
	body?: IDataObject;
	qs?: IDataObject;
	/** Values in the request that must not appear in any error, e.g. a two-step PIN. */
	secrets?: string[];
	/**
	 * For a create Meta does not deduplicate: looks for what an earlier attempt made. Called
	 * before each retry that follows a failure after which Meta may have applied the request (a
	 * timeout, a reset, a 5xx); what it finds is the answer, and nothing is sent again.
	 */
	findApplied?: () => Promise<IDataObject | undefined>;
	/** What to do when Meta refuses the request as invalid, in the operation's words. */
	refusalHint?: string;
	/** What to do when Meta refuses it for a missing permission or role (before refusalHint). */
	permissionHint?: string;
	/** Send `body` as a form (application/x-www-form-urlencoded), lists as JSON, as Graph reads them. */
	form?: boolean;
	/**
	 * Meta's refusals that mean the state is already as asked (e.g. "already assigned"): matched
	 * against Meta's message, such an answer resolves to `{ alreadyDone: true }`, not an error.
	 */
	doneWhen?: RegExp;
	/**
	 * The bytes of a file for a Resumable Upload session (`path` is the session ID Meta gave):
	 * sent as the body with `Authorization: OAuth <token>` and `file_offset`, as Meta requires.
	 */
	upload?: { bytes: Buffer; fileOffset: number };
}

export function validateApiVersion(apiVersion: unknown): string {
	const version = typeof apiVersion === 'string' ? apiVersion.trim() : '';
	if (!API_VERSION.test(version)) {
		throw new InputError(
			`API Version ${quoteInput(String(apiVersion))} in the credential is not valid. Use the form v23.0.`,
		);
	}
	return version;
}

export function validateBaseUrl(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	const url = parseUrl(text);
	if (
		!url ||
		(url.protocol !== 'https:' && url.protocol !== 'http:') ||
		url.username ||
		url.password ||
		url.search ||
		url.hash
	) {
		throw new InputError(
			`Base URL ${quoteInput(text)} in the credential is not valid. Use https://graph.facebook.com or your proxy's http(s) address, without query or login.`,
		);
	}
	// The token travels in a header: in clear text only to this machine (the simulator, a proxy).
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		throw new InputError(
			`Base URL ${quoteInput(text)} in the credential sends the Access Token unencrypted. Use https:// (http:// is allowed only for localhost, 127.x.x.x or [::1]).`,
		);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * The credential's optional fields as typed ('' when none): the Business ID, the fallback of
 * every empty Business ID field, and the App ID uploads need. Checked where they are used, so
 * that a run that needs neither never fails on them.
 */
export async function readCredentialOptions(
	this: Context,
): Promise<{ businessId: string; appId: string }> {
	try {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const text = (value: unknown) =>
			typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		return { businessId: text(credentials.businessId), appId: text(credentials.appId) };
	} catch {
		// No credential yet: the connection reports that, with its own message.
		return { businessId: '', appId: '' };
	}
}

/** The credential's optional Business ID, as typed ('' when none). */
export async function readCredentialBusinessId(this: Context): Promise<string> {
	return (await readCredentialOptions.call(this)).businessId;
}

export async function getGraphConnection(
	this: Context,
	settings: ConnectionSettings = {},
): Promise<GraphConnection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const secret = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	if (secret.trim() === '') {
		throw new InputError(
			"The credential's Access Token is empty. Paste a system user access token.",
			'auth',
		);
	}
	// A header with a line break would be rejected by Node, or worse, split the request.
	if (/[\r\n\0]/.test(secret)) {
		throw new InputError(
			"The credential's Access Token contains a line break. Paste the token again as one line.",
			'auth',
		);
	}
	const retry = { ...DEFAULT_RETRY_POLICY, ...settings.retry };
	const baseUrl = validateBaseUrl(credentials.baseUrl ?? 'https://graph.facebook.com');
	return {
		baseUrl,
		apiVersion: validateApiVersion(credentials.apiVersion ?? 'v23.0'),
		secret,
		retry,
		timeoutMs: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		pacer: new RunPacer(
			{
				maxInFlight: settings.requestsInFlight ?? 1,
				maxTotalWaitMs: retry.maxTotalWaitMs,
				usageCeilingPercent: settings.usageCeilingPercent,
			},
			`${baseUrl}|${settings.usageCeilingPercent ?? DEFAULT_USAGE_CEILING_PERCENT}`,
		),
	};
}

export function buildGraphUrl(
	connection: GraphConnection,
	path: string[],
	uploadSession = false,
): string {
	for (const [index, segment] of path.entries()) {
		// Only an upload's first segment may be a session ID; it stays on the Base URL's host.
		const session = uploadSession && index === 0 && UPLOAD_SESSION.test(segment);
		if (!session && !PATH_SEGMENT.test(segment)) {
			throw new InputError(`Refusing to call Meta with the path segment ${quoteInput(segment)}.`);
		}
	}
	return [connection.baseUrl, connection.apiVersion, ...path].join('/');
}

/** Removes the secret from any text that might leave the node. */
export function redact(text: string, secret: string): string {
	if (!secret || secret.length < 4) return text;
	return text.split(secret).join('[redacted]');
}

/** How long Meta asked us to wait, in ms: `Retry-After`, or the regain time in its usage header. */
export function readRetryAfterMs(headers: Record<string, unknown>): number | null {
	return readUsage(headers).waitMs;
}

function parseBody(raw: unknown): { value: unknown; problem?: string } {
	// A request sent without json (an upload) may get its answer as bytes.
	const body = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (body === undefined || body === null || body === '')
		return { value: {}, problem: 'an empty body' };
	if (typeof body === 'string') {
		const trimmed = body.trim();
		if (trimmed.startsWith('<')) return { value: {}, problem: 'an HTML page instead of JSON' };
		try {
			return { value: JSON.parse(trimmed) };
		} catch {
			return { value: {}, problem: 'a body that is not valid JSON' };
		}
	}
	return { value: body };
}

function toGraphFields(value: unknown, secrets: string[]): GraphErrorFields | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const error = (value as IDataObject).error;
	if (typeof error !== 'object' || error === null || Array.isArray(error)) return undefined;
	const e = error as IDataObject;
	const text = (v: unknown) =>
		typeof v === 'string'
			? secrets.reduce((text, secret) => redact(text, secret), v.slice(0, 1000))
			: undefined;
	const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
	return {
		message: text(e.message),
		type: text(e.type),
		code: int(e.code),
		error_subcode: int(e.error_subcode),
		fbtrace_id: text(e.fbtrace_id),
		is_transient: typeof e.is_transient === 'boolean' ? e.is_transient : undefined,
		error_user_title: text(e.error_user_title),
		error_user_msg: text(e.error_user_msg),
	};
}

/** Turns a non-2xx answer (or a 2xx answer we cannot read) into a classified GraphApiError. */
export function errorFromResponse(
	statusCode: number,
	rawBody: unknown,
	headers: Record<string, unknown>,
	secrets: string[],
	hints: { refusalHint?: string; permissionHint?: string } = {},
): GraphApiError {
	const { value, problem } = parseBody(rawBody);
	const graph = toGraphFields(value, secrets);
	const retryAfterMs = readRetryAfterMs(headers);
	if (graph) {
		const classified = classifyGraphError(statusCode, graph);
		const { category, retryable } = classified;
		const { refusalHint, permissionHint } = hints;
		const hint =
			permissionHint !== undefined && category === 'permission'
				? permissionHint
				: refusalHint !== undefined && (category === 'validation' || category === 'permission')
					? refusalHint
					: classified.hint;
		const codeText = graph.code !== undefined ? ` (code ${graph.code})` : '';
		const said = (graph.error_user_msg ?? graph.message ?? 'no message').replace(/[.\s]+$/, '');
		return new GraphApiError({
			message: `Meta answered HTTP ${statusCode}${codeText}: ${said}. ${hint ?? hintFor(category)}`,
			category,
			retryable,
			httpCode: statusCode,
			graph,
			retryAfterMs,
		});
	}
	const { category, retryable } =
		statusCode >= 200 && statusCode < 300
			? classifyHttpStatus(500)
			: classifyHttpStatus(statusCode);
	return new GraphApiError({
		message: `Meta answered HTTP ${statusCode} with ${problem ?? 'an unexpected body'}. ${hintFor(category)}`,
		category,
		retryable,
		httpCode: statusCode,
		retryAfterMs,
	});
}

function findErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code.length > 0) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** Turns a thrown request (no HTTP answer) into a classified GraphApiError without secrets. */
export function errorFromException(error: unknown): GraphApiError {
	if (error instanceof GraphApiError) return error;
	const code = findErrorCode(error);
	const timedOut =
		code === 'ECONNABORTED' ||
		code === 'ETIMEDOUT' ||
		(code !== undefined && code.includes('TIMEOUT'));
	if (code && (NETWORK_CODE.test(code) || timedOut)) {
		const what = timedOut ? 'did not answer in time' : `could not be reached (${code})`;
		return new GraphApiError({
			message: `Meta ${what}. ${hintFor('network')}`,
			category: 'network',
			retryable: true,
		});
	}
	// Unknown failures are reported by kind only: their text may quote request headers.
	return new GraphApiError({
		message: `The request to Meta failed before an answer arrived${code ? ` (${code})` : ''}. ${hintFor('network')}`,
		category: 'network',
		retryable: true,
	});
}

/**
 * The one place that talks to the Graph API: builds the URL from checked parts, sends the
 * request through n8n's authenticated helper, retries what Meta says may be retried, and
 * returns the parsed 2xx body or throws a classified GraphApiError. Pass `state` to learn how
 * many attempts were made and whether an earlier one may have been processed.
 */
export async function graphApiRequest(
	this: Context,
	connection: GraphConnection,
	request: GraphRequest,
	state?: RetryState,
): Promise<IDataObject> {
	const url = buildGraphUrl(connection, request.path, request.upload !== undefined);
	const retryState: RetryState = state ?? { attempts: 0, waitedMs: 0, ambiguous: false };
	const { findApplied } = request;
	return await withRetries(
		connection.retry,
		async () => {
			if (findApplied && retryState.ambiguous) {
				const applied = await findApplied();
				if (applied) return applied;
			}
			return await sendPaced.call(this, connection, request, url);
		},
		retryState,
	);
}

/** Meta-asked waits one request may sit out before it fails anyway (each within Max Total Wait). */
const MAX_PACED_WAITS = 100;

/**
 * Sends one attempt through the pacer. A throttling answer with Meta's wait pauses the whole
 * run (see pacer.ts) and is sent again after it, without using up an attempt.
 */
async function sendPaced(
	this: Context,
	connection: GraphConnection,
	request: GraphRequest,
	url: string,
): Promise<IDataObject> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		// Meta's contract asks for Content-Type on some GETs too (whatsapp_business_profile).
		headers: {
			'User-Agent': USER_AGENT,
			Accept: 'application/json',
			'Content-Type': 'application/json',
		},
		json: true,
		timeout: connection.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.body !== undefined) options.body = request.body;
	if (request.form && request.body !== undefined) {
		options.headers = { ...options.headers, 'Content-Type': 'application/x-www-form-urlencoded' };
		options.body = new URLSearchParams(
			Object.entries(request.body).map(([key, value]): [string, string] => [
				key,
				typeof value === 'string' ? value : JSON.stringify(value),
			]),
		).toString();
	}
	if (request.qs !== undefined) options.qs = request.qs;
	const secrets = [connection.secret, ...(request.secrets ?? [])];
	const { upload } = request;
	if (upload) {
		// Meta's Resumable Upload takes the token as "OAuth", not the credential's "Bearer": sent
		// by n8n's plain helper, to the URL built on the credential's Base URL like every other.
		options.headers = {
			'User-Agent': USER_AGENT,
			Accept: 'application/json',
			Authorization: `OAuth ${connection.secret}`,
			file_offset: String(upload.fileOffset),
		};
		options.body = upload.bytes;
		options.json = false;
	}
	const send = async () =>
		upload
			? await this.helpers.httpRequest(options)
			: await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, options);

	for (let pacedWaits = 0; ; pacedWaits++) {
		let response: { statusCode: number; body: unknown; headers: Record<string, unknown> };
		const ticket = await connection.pacer.acquire();
		try {
			response = await send();
		} catch (error) {
			ticket.done();
			throw errorFromException(error);
		}
		const headers = response.headers ?? {};
		ticket.done(headers);
		if (response.statusCode < 200 || response.statusCode >= 300) {
			const error = errorFromResponse(
				response.statusCode,
				response.body,
				headers,
				secrets,
				request,
			);
			const said = `${error.graph.message ?? ''} ${error.graph.error_user_msg ?? ''}`;
			if (request.doneWhen?.test(said)) return { alreadyDone: true };
			const pacedByMeta = error.category === 'rate_limit' && (error.retryAfterMs ?? 0) > 0;
			if (error.retryable && pacedByMeta && pacedWaits < MAX_PACED_WAITS) continue;
			throw error;
		}
		const { value, problem } = parseBody(response.body);
		if (problem || typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw errorFromResponse(response.statusCode, response.body, headers, secrets);
		}
		return value as IDataObject;
	}
}
