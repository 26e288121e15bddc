/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// A local Graph API for pre-verified numbers and WhatsApp Business Account phone numbers: Meta's contract
// (test/contract/meta-business-messaging-openapi-v23.0.yaml) for paths, parameter patterns,
// bodies and error shapes; Meta's documented behaviour where the contract is thin. Loopback only.
import { randomInt } from 'crypto';
import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

export interface FaultSettings {
	/** Added before every answer, in ms. */
	latencyMs: number;
	/** Shares (0..1) of requests answered with each fault, drawn from a seeded generator. */
	serverErrorRate: number;
	throttleRate: number;
	resetRate: number;
	htmlRate: number;
	invalidJsonRate: number;
	hangRate: number;
	/** The request is processed, then the connection drops before the answer: the ambiguous case. */
	lostAnswerRate: number;
}

/** One scripted answer, used before any fault or route: exact cases for tests. */
export interface ScriptedResponse {
	status?: number;
	body?: string;
	headers?: Record<string, string>;
	/** 'reset' drops the connection, 'hang' never answers, 'lostAnswer' processes then drops. */
	action?: 'reset' | 'hang' | 'lostAnswer';
}

export interface SimulatorOptions {
	/** The only token accepted; a wrong or missing one answers 401 / 190. */
	token: string;
	/** Businesses that exist; others answer 404 / 803. */
	businessIds: string[];
	/** Calls a business may make per usage window before throttling (80008); 0 = no limit. */
	callsPerWindow?: number;
	/** Calls the app may make per usage window, all businesses together (code 4); 0 = no limit. */
	appCallsPerWindow?: number;
	/** The sliding usage window of both budgets; Meta's is an hour. */
	windowMs?: number;
	faults?: Partial<FaultSettings>;
	/** Seed for the fault generator, so a run can be repeated. */
	seed?: number;
	/**
	 * The precise mode, only when asked for: also send `Retry-After` (seconds, fractional) when
	 * throttling. Meta does not: it gives whole minutes in estimated_time_to_regain_access, as
	 * the simulator does by default. Tests with windows of seconds need the precise figure.
	 */
	retryAfterHeader?: boolean;
	/** The real clock the simulator's own time is built on (tests that also move Date.now pass it). */
	clock?: () => number;
	/** WhatsApp Business Accounts; by default one owned WABA, SIMULATOR_WABA_ID, for the first business. */
	wabas?: Waba[];
}

export interface Waba {
	id: string;
	businessId: string;
	name: string;
	/** Shared with the business by a client (client_whatsapp_business_accounts), not owned. */
	client?: boolean;
}

/** The key of the app-wide budget among the businesses' budgets. */
const APP_BUDGET = 'app';

export const SIMULATOR_WABA_ID = '2000000000000001';

/** A phone number of a WABA, with the fields Meta's guides describe. */
export interface WabaPhoneNumber {
	id: string;
	wabaId: string;
	cc: string;
	national: string;
	verified_name: string;
	/** Meta's guides: PENDING until registered, CONNECTED, DISCONNECTED after deregister. */
	status: 'PENDING' | 'CONNECTED' | 'DISCONNECTED' | 'FLAGGED' | 'RESTRICTED';
	code_verification_status: 'NOT_VERIFIED' | 'VERIFIED';
	quality_rating: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
	messaging_limit_tier: string;
	name_status: 'APPROVED' | 'PENDING_REVIEW' | 'DECLINED' | 'NONE';
	new_display_name?: string;
	platform_type: 'CLOUD_API' | 'NOT_APPLICABLE';
	preverified_id?: string;
	data_localization_region?: string;
	/** The two-step verification PIN, once set (by register or by the PIN operation). */
	pin?: string;
	/** When register and deregister were called, to enforce Meta's 10 per 72 hours. */
	registrations: number[];
	pendingCode?: string;
	pendingCodeExpires?: number;
}

export type VerificationStatus = 'NOT_VERIFIED' | 'VERIFIED' | 'EXPIRED';

export interface PreVerifiedNumber {
	id: string;
	businessId: string;
	digits: string;
	code_verification_status: VerificationStatus;
	code_verification_time?: number;
	verification_expiry_time?: number;
	pendingCode?: string;
	pendingCodeExpires?: number;
	createdAt: number;
	/** Partner businesses the number is shared with. */
	sharedWith?: Set<string>;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: string;
	status: number;
	/** When it arrived (the real clock, ms). */
	at: number;
}

type Fault = 'server' | 'throttle' | 'reset' | 'html' | 'invalidJson' | 'hang' | 'lostAnswer';

const NO_FAULTS: FaultSettings = {
	latencyMs: 0,
	serverErrorRate: 0,
	throttleRate: 0,
	resetRate: 0,
	htmlRate: 0,
	invalidJsonRate: 0,
	hangRate: 0,
	lostAnswerRate: 0,
};

/** The fault mix of the reliability test and `npm run soak` (issue 4, plus lost answers). */
export const RELIABILITY_FAULTS: Partial<FaultSettings> = {
	throttleRate: 0.1,
	serverErrorRate: 0.05,
	resetRate: 0.01,
	htmlRate: 0.01,
	hangRate: 0.01,
	lostAnswerRate: 0.01,
};

const VERSION = /^v[0-9]+\.[0-9]+$/;
const NUMERIC_ID = /^[0-9]+$/;
const DAY_MS = 86_400_000;
const VERIFIED_FOR_MS = 90 * DAY_MS;
const CODE_VALID_MS = 10 * 60_000;
const MAX_PAGE = 100;
const DEFAULT_PAGE = 25;
const REGISTRATIONS_PER_72H = 10;
// Meta's data localization regions (the contract's WhatsAppDataLocalizationRegion).
const REGIONS = [
	'AE',
	'AU',
	'BH',
	'BR',
	'CA',
	'CH',
	'DE',
	'GB',
	'ID',
	'IN',
	'JP',
	'KR',
	'SG',
	'ZA',
];

class HttpFailure extends Error {
	constructor(
		readonly status: number,
		readonly body: Record<string, unknown>,
	) {
		super(String((body.error as { message?: string })?.message ?? status));
	}
}

function graphError(
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

/** Mulberry32: small, seeded, good enough to draw faults reproducibly. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Formats digits the way Meta's list answers do ("+1 631-555-1000"); callers compare digits. */
function display(digits: string): string {
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

export class GraphApiSimulator {
	readonly numbers = new Map<string, PreVerifiedNumber>();

	/** "<business>:<digits>" -> id, so that adds stay O(1) in runs of 100,000 numbers. */
	private readonly idByNumber = new Map<string, string>();

	/** Successful adds per E.164 digits: proves no number is added twice. */
	readonly addsByNumber = new Map<string, number>();

	/** Forgets every number, as a new business would start (for tests that run twice). */
	resetNumbers(): void {
		this.numbers.clear();
		this.idByNumber.clear();
		this.addsByNumber.clear();
	}

	readonly requests: RecordedRequest[] = [];

	/** What workflows posted to /__simulator/inbox, in order. */
	readonly inbox: Array<Record<string, unknown>> = [];

	readonly wabas = new Map<string, Waba>();

	readonly phoneNumbers = new Map<string, WabaPhoneNumber>();

	/** Added to the real clock for expiry and verification times: tests move time forward. */
	clockOffsetMs = 0;

	/** The simulator's time: the real clock moved by advanceClock. */
	now(): number {
		return (this.options.clock ?? Date.now)() + this.clockOffsetMs;
	}

	/**
	 * Moves time forward and applies what Meta does meanwhile: a verified number unclaimed for
	 * 90 days reverts to not verified; a number never verified within 90 days is removed.
	 */
	advanceClock(ms: number): void {
		this.clockOffsetMs += ms;
		const now = this.now();
		for (const number of [...this.numbers.values()]) {
			if (number.code_verification_status === 'VERIFIED') {
				if ((number.verification_expiry_time ?? Infinity) * 1000 <= now) {
					number.code_verification_status = 'NOT_VERIFIED';
					number.verification_expiry_time = undefined;
					number.code_verification_time = undefined;
					number.createdAt = now;
				}
			} else if (number.createdAt + VERIFIED_FOR_MS <= now) {
				this.removeNumber(number);
			}
		}
	}

	/** Puts a number straight into a business's pool, as if added (and verified) earlier. */
	seedPreVerifiedNumber(businessId: string, digits: string, verified = false): string {
		const id = String(this.nextId++);
		const now = this.now();
		this.idByNumber.set(`${businessId}:${digits}`, id);
		this.numbers.set(id, {
			id,
			businessId,
			digits,
			code_verification_status: verified ? 'VERIFIED' : 'NOT_VERIFIED',
			code_verification_time: verified ? Math.floor(now / 1000) : undefined,
			verification_expiry_time: verified ? Math.floor((now + VERIFIED_FOR_MS) / 1000) : undefined,
			createdAt: now,
		});
		return id;
	}

	/** Puts a registered (CONNECTED) number straight into a WABA, as if claimed and registered earlier. */
	seedConnectedPhoneNumber(
		id: string,
		national: string,
		extra: Partial<WabaPhoneNumber> = {},
	): WabaPhoneNumber {
		const phone: WabaPhoneNumber = {
			id,
			wabaId: SIMULATOR_WABA_ID,
			cc: '1',
			national,
			verified_name: 'Shop',
			status: 'CONNECTED',
			code_verification_status: 'VERIFIED',
			quality_rating: 'GREEN',
			messaging_limit_tier: 'TIER_250',
			name_status: 'APPROVED',
			platform_type: 'CLOUD_API',
			registrations: [],
			...extra,
		};
		this.phoneNumbers.set(id, phone);
		return phone;
	}

	/** Removes a pre-verified number from its pool (deleted, expired, or claimed by a client). */
	removeNumber(number: PreVerifiedNumber): void {
		this.numbers.delete(number.id);
		this.idByNumber.delete(`${number.businessId}:${number.digits}`);
	}

	/** Calls answered with a throttling error (budget spent, or the throttle fault). */
	throttledCalls = 0;

	/** When the budget throttled a call (the real clock, ms). */
	readonly throttledAt: number[] = [];

	faults: FaultSettings;

	/** Answers used, in order, for the next requests to the Graph API paths. */
	readonly script: ScriptedResponse[] = [];

	private readonly usage = new Map<string, number[]>();

	private readonly random: () => number;

	private server?: Server;

	private readonly sockets = new Set<Socket>();

	private nextId = 100_000_000_000_000;

	private readonly callsPerWindow: number;

	private readonly appCallsPerWindow: number;

	private readonly windowMs: number;

	constructor(private readonly options: SimulatorOptions) {
		this.faults = { ...NO_FAULTS, ...options.faults };
		this.random = seededRandom(options.seed ?? 42);
		this.callsPerWindow = options.callsPerWindow ?? 0;
		this.appCallsPerWindow = options.appCallsPerWindow ?? 0;
		for (const waba of options.wabas ?? [
			{ id: SIMULATOR_WABA_ID, businessId: options.businessIds[0], name: 'Simulator WABA' },
		]) {
			this.wabas.set(waba.id, waba);
		}
		this.windowMs = options.windowMs ?? 3_600_000;
	}

	get baseUrl(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error('simulator is not running');
		return `http://127.0.0.1:${address.port}`;
	}

	async start(port = 0): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
	}

	/** The code "sent" by request_code: what a person would read from the SMS. */
	lastCode(id: string): string | undefined {
		return (this.numbers.get(id) ?? this.phoneNumbers.get(id))?.pendingCode;
	}

	totalAdds(): number {
		let total = 0;
		for (const count of this.addsByNumber.values()) total += count;
		return total;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const record: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: url.search,
			status: 0,
			at: Date.now(),
		};
		this.requests.push(record);
		const body = await readBody(req);
		if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);

		// Test-only routes, documented in the README.
		if (url.pathname.startsWith('/__simulator/')) {
			record.status = 200;
			this.handleControl(url, req.method ?? 'GET', body, res);
			return;
		}

		const scripted = this.script.shift();
		if (scripted && !scripted.action) {
			record.status = scripted.status ?? 200;
			res.writeHead(record.status, { 'Content-Type': 'application/json', ...scripted.headers });
			res.end(scripted.body ?? '');
			return;
		}
		const fault = scripted?.action ?? this.drawFault();
		if (fault === 'hang') return; // never answers; the client's timeout must fire
		if (fault === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault === 'html') {
			record.status = 502;
			res.writeHead(502, { 'Content-Type': 'text/html' });
			res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
			return;
		}
		if (fault === 'invalidJson') {
			record.status = 200;
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"id": "12');
			return;
		}

		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		try {
			if (fault === 'server') {
				throw graphError(
					500,
					2,
					'An unexpected error has occurred. Please retry your request later.',
					{
						is_transient: true,
					},
				);
			}
			this.authenticate(req);
			const segments = url.pathname.split('/').filter(Boolean);
			const [version] = segments;
			if (!version || !VERSION.test(version)) {
				throw graphError(400, 100, `Unknown API version "${version ?? ''}"`);
			}
			const businessId = this.businessOf(segments);
			this.spendBudget(businessId, headers);
			if (businessId) {
				if (fault === 'throttle') {
					this.throttledCalls++;
					throw graphError(429, 4, 'Application request limit reached', {
						is_transient: true,
						error_subcode: 2446079,
					});
				}
			}
			const answer = this.route(req.method ?? 'GET', segments.slice(1), url, body);
			if (fault === 'lostAnswer') {
				req.socket.destroy();
				return;
			}
			record.status = 200;
			res.writeHead(200, headers);
			res.end(JSON.stringify(answer));
		} catch (error) {
			const failure =
				error instanceof HttpFailure
					? error
					: graphError(500, 1, `Simulator fault: ${(error as Error).message}`);
			record.status = failure.status;
			res.writeHead(failure.status, headers);
			res.end(JSON.stringify(failure.body));
		}
	}

	private drawFault(): Fault | null {
		const f = this.faults;
		const draws: Array<[number, Fault]> = [
			[f.throttleRate, 'throttle'],
			[f.serverErrorRate, 'server'],
			[f.resetRate, 'reset'],
			[f.htmlRate, 'html'],
			[f.invalidJsonRate, 'invalidJson'],
			[f.hangRate, 'hang'],
			[f.lostAnswerRate, 'lostAnswer'],
		];
		const roll = this.random();
		let edge = 0;
		for (const [rate, fault] of draws) {
			edge += rate;
			if (roll < edge) return fault;
		}
		return null;
	}

	private authenticate(req: IncomingMessage): void {
		const header = req.headers.authorization ?? '';
		if (header !== `Bearer ${this.options.token}`) {
			throw graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token', {
				error_subcode: header ? 467 : undefined,
			});
		}
	}

	/** The business a request spends budget for, when its path names one. */
	private businessOf(segments: string[]): string | undefined {
		const target = segments[1];
		if (!target) return undefined;
		if (this.options.businessIds.includes(target)) return target;
		const wabaId = this.phoneNumbers.get(target)?.wabaId ?? target;
		return this.wabas.get(wabaId)?.businessId ?? this.numbers.get(target)?.businessId;
	}

	/** The calls of one budget still inside the sliding window, after dropping the older ones. */
	private callsInWindow(key: string, limit: number, now: number): number[] {
		if (limit <= 0) return [];
		const calls = this.usage.get(key) ?? [];
		let expired = 0;
		while (expired < calls.length && now - calls[expired] >= this.windowMs) expired++;
		if (expired > 0) calls.splice(0, expired);
		this.usage.set(key, calls);
		return calls;
	}

	/**
	 * Counts a call against the app's budget and, when the path names one, the business's, the
	 * way Meta reports them: integer percentages in X-App-Usage and X-Business-Use-Case-Usage on
	 * every answer; over the business's budget, 80008 with the time to regain access in whole
	 * minutes (and a precise Retry-After only when asked for); over the app's, code 4.
	 */
	private spendBudget(businessId: string | undefined, headers: Record<string, string>): void {
		const now = Date.now();
		const app = this.callsInWindow(APP_BUDGET, this.appCallsPerWindow, now);
		const business = businessId ? this.callsInWindow(businessId, this.callsPerWindow, now) : [];
		const businessThrottled =
			businessId !== undefined && this.callsPerWindow > 0 && business.length >= this.callsPerWindow;
		const appThrottled = this.appCallsPerWindow > 0 && app.length >= this.appCallsPerWindow;
		if (!businessThrottled && !appThrottled) {
			if (this.appCallsPerWindow > 0) app.push(now);
			if (businessId && this.callsPerWindow > 0) business.push(now);
		}
		const percentOf = (calls: number[], limit: number) =>
			limit > 0 ? Math.min(100, Math.round((calls.length / limit) * 100)) : 0;
		const appPercent = percentOf(app, this.appCallsPerWindow);
		headers['X-App-Usage'] = JSON.stringify({
			call_count: appPercent,
			total_cputime: Math.round(appPercent / 4),
			total_time: Math.round(appPercent / 3),
		});
		if (businessId) {
			const percent = percentOf(business, this.callsPerWindow);
			const regainMs = businessThrottled ? Math.max(0, business[0] + this.windowMs - now) : 0;
			headers['X-Business-Use-Case-Usage'] = JSON.stringify({
				[businessId]: [
					{
						type: 'whatsapp_business_management',
						call_count: percent,
						total_cputime: Math.round(percent / 4),
						total_time: Math.round(percent / 3),
						estimated_time_to_regain_access: Math.ceil(regainMs / 60_000),
					},
				],
			});
			if (businessThrottled && this.options.retryAfterHeader) {
				headers['Retry-After'] = (regainMs / 1000).toFixed(3);
			}
		}
		if (businessThrottled || appThrottled) this.throttledAt.push(now);
		if (businessThrottled) {
			this.throttledCalls++;
			throw graphError(
				400,
				80008,
				'There have been too many calls to this WhatsApp Business account. Wait a bit and try again.',
				{
					is_transient: true,
					error_subcode: 2593107,
				},
			);
		}
		if (appThrottled) {
			this.throttledCalls++;
			throw graphError(400, 4, 'Application request limit reached', { is_transient: true });
		}
	}

	private route(method: string, path: string[], url: URL, body: Record<string, unknown>): unknown {
		const [target, edge, ...rest] = path;
		if (rest.length > 0 || !target) throw graphError(400, 100, 'Unknown path components');
		if (target === 'me' && !edge && method === 'GET') {
			return { id: '10000000000001', name: 'Simulator System User' };
		}
		if (!NUMERIC_ID.test(target)) {
			throw graphError(400, 100, `Invalid parameter: "${target.slice(0, 40)}" is not a valid ID`);
		}
		if (edge === 'add_phone_numbers' && method === 'POST') return this.add(target, url, body);
		if (edge === 'preverified_numbers' && method === 'GET') return this.list(target, url);
		if (edge === 'share_preverified_numbers' && (method === 'POST' || method === 'DELETE')) {
			return this.share(target, method, { ...Object.fromEntries(url.searchParams), ...body });
		}
		if (
			edge === 'owned_whatsapp_business_accounts' ||
			edge === 'client_whatsapp_business_accounts'
		) {
			this.requireBusiness(target);
			const client = edge === 'client_whatsapp_business_accounts';
			const wabas = [...this.wabas.values()].filter(
				(w) => w.businessId === target && (w.client === true) === client,
			);
			return this.page(wabas, url, (w) => ({ id: w.id, name: w.name }));
		}
		const waba = this.wabas.get(target);
		if (waba && edge === 'phone_numbers' && method === 'GET') {
			const numbers = [...this.phoneNumbers.values()].filter((p) => p.wabaId === waba.id);
			const fields = url.searchParams.get('fields');
			return this.page(numbers, url, (p) => this.phoneView(p, fields));
		}
		if (waba && edge === 'phone_numbers' && method === 'POST') return this.addToWaba(waba, body);
		const phone = this.phoneNumbers.get(target);
		if (phone) return this.routePhoneNumber(phone, method, edge, url, body);
		const number = this.numbers.get(target);
		if (!number) {
			if (this.options.businessIds.includes(target)) {
				throw graphError(400, 100, `Unsupported request on business ${target}`);
			}
			throw graphError(404, 803, `Some of the aliases you requested do not exist: ${target}`);
		}
		if (!edge && method === 'GET') return this.view(number, url.searchParams.get('fields'));
		if (!edge && method === 'DELETE') {
			this.removeNumber(number);
			return { success: true };
		}
		if (edge === 'request_code' && method === 'POST') return this.requestCode(number, url, body);
		if (edge === 'verify_code' && method === 'POST') return this.verifyCode(number, url, body);
		if (edge === 'partners' && method === 'GET') {
			const partners = [...(number.sharedWith ?? [])].map((id) => ({ id, name: `Partner ${id}` }));
			return this.page(partners, url, (p) => p);
		}
		throw graphError(400, 100, `Unsupported ${method} request on ${edge ?? 'node'}`);
	}

	private requireBusiness(id: string): void {
		if (!this.options.businessIds.includes(id)) {
			throw graphError(404, 803, 'WhatsApp Business Account not found');
		}
	}

	private add(businessId: string, url: URL, body: Record<string, unknown>) {
		this.requireBusiness(businessId);
		const raw = body.phone_number ?? url.searchParams.get('phone_number');
		const digits = typeof raw === 'string' ? raw.replace(/[\s\-().]/g, '').replace(/^\+/, '') : '';
		if (!/^[1-9][0-9]{6,14}$/.test(digits)) {
			throw graphError(400, 100, 'Invalid phone number');
		}
		if (this.idByNumber.has(`${businessId}:${digits}`)) {
			throw graphError(400, 100, 'Invalid parameter', {
				error_user_title: 'Phone number already added',
				error_user_msg: `The phone number ${display(digits)} has already been added to this business.`,
				error_subcode: 2388093,
			});
		}
		const id = String(this.nextId++);
		this.idByNumber.set(`${businessId}:${digits}`, id);
		this.numbers.set(id, {
			id,
			businessId,
			digits,
			code_verification_status: 'NOT_VERIFIED',
			createdAt: this.now(),
		});
		this.addsByNumber.set(digits, (this.addsByNumber.get(digits) ?? 0) + 1);
		return { id };
	}

	private list(businessId: string, url: URL) {
		this.requireBusiness(businessId);
		const params = url.searchParams;
		const limitText = params.get('limit');
		const limit = limitText === null ? DEFAULT_PAGE : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
			throw graphError(400, 100, `Param limit must be an integer between 1 and ${MAX_PAGE}`);
		}
		const status = params.get('code_verification_status');
		const phone = params.get('phone_number')?.replace(/\D/g, '');
		const phoneId = phone ? this.idByNumber.get(`${businessId}:${phone}`) : undefined;
		const candidates = phone
			? [phoneId ? this.numbers.get(phoneId) : undefined].filter((n) => n !== undefined)
			: [...this.numbers.values()].filter((n) => n.businessId === businessId);
		const all = candidates.filter((n) => !status || this.statusOf(n) === status);
		const fields = params.get('fields');
		return this.page(all, url, (n) => this.view(n, fields));
	}

	/** One page of a list edge with Meta's cursor paging (limit, after, before). */
	private page<T>(all: T[], url: URL, view: (entry: T) => Record<string, unknown>) {
		const params = url.searchParams;
		const limitText = params.get('limit');
		const limit = limitText === null ? DEFAULT_PAGE : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
			throw graphError(400, 100, `Param limit must be an integer between 1 and ${MAX_PAGE}`);
		}
		let start = 0;
		const after = params.get('after');
		const before = params.get('before');
		if (after) start = (decodeCursor(after) ?? -1) + 1;
		if (before) start = Math.max(0, (decodeCursor(before) ?? 0) - limit);
		const page = all.slice(start, start + limit);
		const result: Record<string, unknown> = { data: page.map(view) };
		if (page.length > 0) {
			const paging: Record<string, unknown> = {
				cursors: { before: encodeCursor(start), after: encodeCursor(start + page.length - 1) },
			};
			const base = `${this.baseUrl}${url.pathname}`;
			if (start + page.length < all.length) {
				paging.next = `${base}?limit=${limit}&after=${encodeCursor(start + page.length - 1)}`;
			}
			if (start > 0) paging.previous = `${base}?limit=${limit}&before=${encodeCursor(start)}`;
			result.paging = paging;
		}
		return result;
	}

	private statusOf(number: PreVerifiedNumber): VerificationStatus {
		if (
			number.code_verification_status === 'VERIFIED' &&
			number.verification_expiry_time !== undefined &&
			number.verification_expiry_time * 1000 < this.now()
		) {
			return 'EXPIRED';
		}
		return number.code_verification_status;
	}

	private view(number: PreVerifiedNumber, fields: string | null): Record<string, unknown> {
		const full: Record<string, unknown> = {
			id: number.id,
			phone_number: display(number.digits),
			code_verification_status: this.statusOf(number),
			code_verification_time: number.code_verification_time,
			// Meta sends Unix seconds here and ISO strings elsewhere; the node accepts both.
			verification_expiry_time: number.verification_expiry_time,
			owner_business: { id: number.businessId },
		};
		const wanted = fields
			? fields.split(',').map((f) => f.trim())
			: ['id', 'phone_number', 'code_verification_status'];
		const out: Record<string, unknown> = { id: number.id };
		for (const field of wanted) {
			if (full[field] !== undefined) out[field] = full[field];
		}
		return out;
	}

	private requestCode(
		number: { pendingCode?: string; pendingCodeExpires?: number },
		url: URL,
		body: Record<string, unknown>,
	) {
		const method = String(body.code_method ?? url.searchParams.get('code_method') ?? '');
		if (!['SMS', 'VOICE'].includes(method)) {
			throw graphError(400, 100, 'Param code_method must be one of {SMS, VOICE}');
		}
		const language = String(body.language ?? url.searchParams.get('language') ?? 'en_US');
		if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) {
			throw graphError(400, 100, `Invalid language "${language.slice(0, 20)}"`);
		}
		number.pendingCode = String(randomInt(100000, 1000000));
		number.pendingCodeExpires = this.now() + CODE_VALID_MS;
		return { success: true };
	}

	private verifyCode(number: PreVerifiedNumber, url: URL, body: Record<string, unknown>) {
		const code = String(body.code ?? url.searchParams.get('code') ?? '');
		if (!number.pendingCode || code !== number.pendingCode) {
			throw graphError(400, 100, 'The verification code is incorrect');
		}
		if ((number.pendingCodeExpires ?? 0) < this.now()) {
			throw graphError(422, 100, 'The verification code has expired. Request a new code.');
		}
		const now = this.now();
		number.code_verification_status = 'VERIFIED';
		number.code_verification_time = Math.floor(now / 1000);
		number.verification_expiry_time = Math.floor((now + VERIFIED_FOR_MS) / 1000);
		number.pendingCode = undefined;
		return { success: true };
	}

	/** POST or DELETE /{Business-ID}/share_preverified_numbers: share a number, or stop. */
	private share(businessId: string, method: string, params: Record<string, unknown>) {
		this.requireBusiness(businessId);
		const id = String(params.preverified_id ?? '');
		const partner = String(params.partner_business_id ?? '');
		if (!NUMERIC_ID.test(id) || !NUMERIC_ID.test(partner)) {
			throw graphError(400, 100, 'Invalid preverified_id: must be a valid numeric string');
		}
		const number = this.numbers.get(id);
		if (!number) throw graphError(404, 803, 'Pre-verified phone number not found');
		if (number.businessId !== businessId) {
			throw graphError(
				403,
				200,
				"Your business doesn't have permission to share this pre-verified phone number",
			);
		}
		number.sharedWith ??= new Set();
		if (method === 'POST') number.sharedWith.add(partner);
		else number.sharedWith.delete(partner);
		return { success: true };
	}

	/** POST /{WABA-ID}/phone_numbers: a number joins the WABA; with preverified_id, a claim. */
	private addToWaba(waba: Waba, body: Record<string, unknown>) {
		const cc = String(body.cc ?? '');
		const national = String(body.phone_number ?? '');
		const name = String(body.verified_name ?? '');
		if (!/^[0-9]{1,3}$/.test(cc) || !/^[0-9]{4,14}$/.test(national)) {
			throw graphError(400, 100, 'Invalid parameter: cc and phone_number must be digits');
		}
		if (name.length < 2 || name.length > 75) {
			throw graphError(400, 100, 'Invalid parameter: verified_name must be 2 to 75 characters');
		}
		const digits = `${cc}${national}`;
		if ([...this.phoneNumbers.values()].some((p) => `${p.cc}${p.national}` === digits)) {
			throw graphError(409, 100, 'Phone number is already registered with WhatsApp Business');
		}
		let verified = false;
		const preverifiedId =
			body.preverified_id === undefined ? undefined : String(body.preverified_id);
		if (preverifiedId !== undefined) {
			const pool = this.numbers.get(preverifiedId);
			if (!pool || pool.digits !== digits) {
				throw graphError(400, 100, 'Invalid parameter: preverified_id does not match phone_number');
			}
			if (this.statusOf(pool) !== 'VERIFIED') {
				throw graphError(400, 100, 'The pre-verified phone number is not verified');
			}
			// Claimed: the number leaves the partner's pool, verified.
			this.removeNumber(pool);
			verified = true;
		}
		const id = String(this.nextId++);
		this.phoneNumbers.set(id, {
			id,
			wabaId: waba.id,
			cc,
			national,
			verified_name: name,
			status: 'PENDING',
			code_verification_status: verified ? 'VERIFIED' : 'NOT_VERIFIED',
			quality_rating: 'UNKNOWN',
			messaging_limit_tier: 'TIER_250',
			name_status: 'APPROVED',
			platform_type: 'NOT_APPLICABLE',
			preverified_id: preverifiedId,
			registrations: [],
		});
		return { id };
	}

	private phoneView(phone: WabaPhoneNumber, fields: string | null): Record<string, unknown> {
		const full: Record<string, unknown> = {
			id: phone.id,
			display_phone_number: display(`${phone.cc}${phone.national}`),
			verified_name: phone.verified_name,
			status: phone.status,
			quality_rating: phone.quality_rating,
			code_verification_status: phone.code_verification_status,
			name_status: phone.name_status,
			new_name_status: phone.new_display_name ? 'PENDING_REVIEW' : undefined,
			messaging_limit_tier: phone.messaging_limit_tier,
			platform_type: phone.platform_type,
			account_mode: 'LIVE',
			is_pin_enabled: phone.pin !== undefined,
			country_dial_code: phone.cc,
		};
		const wanted = fields
			? fields.split(',').map((f) => f.trim())
			: ['id', 'display_phone_number', 'verified_name', 'quality_rating'];
		const out: Record<string, unknown> = { id: phone.id };
		for (const field of wanted) if (full[field] !== undefined) out[field] = full[field];
		return out;
	}

	private routePhoneNumber(
		phone: WabaPhoneNumber,
		method: string,
		edge: string | undefined,
		url: URL,
		body: Record<string, unknown>,
	): unknown {
		if (!edge && method === 'GET') return this.phoneView(phone, url.searchParams.get('fields'));
		if (!edge && method === 'POST') {
			if (body.pin !== undefined) {
				if (!/^[0-9]{6}$/.test(String(body.pin))) {
					throw graphError(400, 100, 'Invalid parameter: pin must be 6 digits');
				}
				phone.pin = String(body.pin);
				return { success: true };
			}
			if (body.new_display_name !== undefined) {
				const name = String(body.new_display_name);
				if (name.length < 2 || name.length > 75) {
					throw graphError(
						400,
						100,
						'Invalid parameter: new_display_name must be 2 to 75 characters',
					);
				}
				phone.new_display_name = name;
				phone.name_status = 'PENDING_REVIEW';
				return { success: true };
			}
			throw graphError(400, 100, 'Invalid parameter: nothing to update');
		}
		if (edge === 'register' && method === 'POST') {
			this.countRegistration(phone);
			if (body.messaging_product !== 'whatsapp' || !/^[0-9]{6}$/.test(String(body.pin ?? ''))) {
				throw graphError(
					400,
					100,
					'Invalid parameter: messaging_product whatsapp and a 6-digit pin are required',
				);
			}
			const region = body.data_localization_region;
			if (region !== undefined && !REGIONS.includes(String(region))) {
				throw graphError(400, 100, 'Invalid parameter: data_localization_region');
			}
			if (phone.code_verification_status !== 'VERIFIED') {
				throw graphError(400, 133006, 'Phone number needs to be verified before registering');
			}
			if (phone.pin !== undefined && phone.pin !== body.pin) {
				throw graphError(400, 133005, 'Two step verification PIN Mismatch');
			}
			phone.pin = String(body.pin);
			phone.status = 'CONNECTED';
			phone.platform_type = 'CLOUD_API';
			phone.quality_rating = phone.quality_rating === 'UNKNOWN' ? 'GREEN' : phone.quality_rating;
			if (region !== undefined) phone.data_localization_region = String(region);
			return { success: true };
		}
		if (edge === 'deregister' && method === 'POST') {
			this.countRegistration(phone);
			if (phone.status !== 'CONNECTED') {
				throw graphError(
					400,
					133010,
					'Phone number not registered on the WhatsApp Business Platform',
				);
			}
			phone.status = 'DISCONNECTED';
			phone.platform_type = 'NOT_APPLICABLE';
			return { success: true };
		}
		if (edge === 'request_code' && method === 'POST') return this.requestCode(phone, url, body);
		if (edge === 'verify_code' && method === 'POST') {
			const code = String(body.code ?? '');
			if (!phone.pendingCode || code !== phone.pendingCode) {
				throw graphError(400, 100, 'The verification code is incorrect');
			}
			phone.code_verification_status = 'VERIFIED';
			phone.pendingCode = undefined;
			return { success: true, id: phone.id };
		}
		throw graphError(400, 100, `Unsupported ${method} request on ${edge ?? 'phone number'}`);
	}

	/** Meta allows 10 register and deregister calls per number in 72 hours. */
	private countRegistration(phone: WabaPhoneNumber): void {
		const now = this.now();
		phone.registrations = phone.registrations.filter((t) => now - t < 3 * DAY_MS);
		if (phone.registrations.length >= REGISTRATIONS_PER_72H) {
			throw graphError(400, 133016, 'Account register deregister rate limit exceeded');
		}
		phone.registrations.push(now);
	}

	private handleControl(
		url: URL,
		method: string,
		body: Record<string, unknown>,
		res: ServerResponse,
	) {
		const send = (value: unknown) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(value));
		};
		const codeMatch = /^\/__simulator\/codes\/([0-9]+)$/.exec(url.pathname);
		if (codeMatch) return send({ id: codeMatch[1], code: this.lastCode(codeMatch[1]) ?? null });
		if (url.pathname === '/__simulator/stats') {
			return send({
				numbers: this.numbers.size,
				adds: this.totalAdds(),
				duplicateAdds: [...this.addsByNumber.values()].filter((c) => c > 1).length,
				requests: this.requests.length,
				throttled: this.throttledCalls,
				// When the calls came, in seconds from the first: the shape of a run, for benchmarks.
				throttledAtSeconds: this.throttledAt.map(
					(at) => Math.round((at - this.requests[0].at) / 100) / 10,
				),
				callsPerSecond: (() => {
					const counts: number[] = [];
					for (const r of this.requests) {
						const second = Math.floor((r.at - this.requests[0].at) / 1000);
						counts[second] = (counts[second] ?? 0) + 1;
					}
					return Array.from(counts, (c) => c ?? 0);
				})(),
				lastCallAtSeconds:
					this.requests.length > 0
						? Math.round((this.requests[this.requests.length - 1].at - this.requests[0].at) / 100) /
							10
						: 0,
			});
		}
		// A place for a workflow to deliver what it received, so tests can count it.
		if (url.pathname === '/__simulator/inbox') {
			if (method === 'POST') this.inbox.push(body);
			return send({ received: this.inbox.length });
		}
		if (url.pathname === '/__simulator/clock' && method === 'POST') {
			this.advanceClock(Number(body.advanceMs ?? 0));
			return send({ now: new Date(this.now()).toISOString() });
		}
		const phoneMatch = /^\/__simulator\/phone_numbers\/([0-9]+)$/.exec(url.pathname);
		const phone = phoneMatch ? this.phoneNumbers.get(phoneMatch[1]) : undefined;
		if (phone && method === 'POST') {
			// What Meta changes on its own: status, quality rating, messaging limit, name review.
			for (const key of [
				'status',
				'quality_rating',
				'messaging_limit_tier',
				'name_status',
			] as const) {
				if (typeof body[key] === 'string')
					(phone as unknown as Record<string, unknown>)[key] = body[key];
			}
			return send(
				this.phoneView(phone, 'id,status,quality_rating,messaging_limit_tier,name_status'),
			);
		}
		if (url.pathname === '/__simulator/faults' && method === 'POST') {
			this.faults = { ...this.faults, ...(body as Partial<FaultSettings>) };
			return send(this.faults);
		}
		res.writeHead(404, { 'Content-Type': 'application/json' });
		res.end('{"error":"unknown simulator route"}');
	}
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString();
	if (!text) return {};
	try {
		const parsed = JSON.parse(text) as unknown;
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	} catch {
		return Object.fromEntries(new URLSearchParams(text));
	}
}
