/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// A local Graph API for pre-verified numbers and WhatsApp Business Account phone numbers: Meta's contract
// (test/contract/meta-business-messaging-openapi-v23.0.yaml) for paths, parameter patterns,
// bodies and error shapes; Meta's documented behaviour where the contract is thin. Loopback only.
//
// This file is the core: the server, authentication, budgets and usage headers, faults,
// recording and routing. How each fault answers is in faults.ts; each resource is a module in
// resources/ (its routes and its seeding), listed once in RESOURCES. The test-only control
// routes and seeding build on the core (control.ts, GraphApiSimulator.ts).
import { createServer } from 'http';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

import { UsageBudget } from './budget';
import {
	answerScripted,
	drawFault,
	faultAfterApplied,
	faultBeforeGraph,
	NO_FAULTS,
	seededRandom,
	takeScripted,
	throttleFault,
	TRANSPORT_FAULTS,
} from './faults';
import { delay, graphError, HttpFailure, NUMERIC_ID, readBody } from './graph';
import { routeWabaAnalytics } from './resources/analytics';
import { routeAssignedUsers } from './resources/assignedUsers';
import { routeBusinessProfile } from './resources/businessProfiles';
import { routeCreditLines } from './resources/creditLines';
import { routeHealthStatus } from './resources/healthStatus';
import { routeOfficialBusinessAccount } from './resources/officialBusinessAccount';
import { routePhoneNumber } from './resources/phoneNumbers';
import {
	expirePool,
	routeBusinessPool,
	routePreVerifiedNumber,
} from './resources/preVerifiedNumbers';
import { CDN_PREFIX, EDGES_WITH_CHILD, routeQrCodes, serveQrImage } from './resources/qrCodes';
import { routeWabaAccount } from './resources/subscribedApps';
import { routeTemplates } from './resources/templates';
import { routeUploads } from './resources/uploads';
import { routeBusinessWabas, routeWaba } from './resources/wabas';
import { NOT_MINE, SIMULATOR_WABA_ID } from './types';
import type {
	CreditAllocation,
	CreditLine,
	EntityHealth,
	MessageTemplate,
	UploadSession,
	FaultSettings,
	PreVerifiedNumber,
	RecordedRequest,
	Resource,
	ScriptedResponse,
	SimulatorOptions,
	SimulatorState,
	Waba,
	WabaPhoneNumber,
} from './types';

/** Every resource, tried in turn for a request; the first that knows its target answers. */
const RESOURCES: Resource[] = [
	routeUploads,
	routeCreditLines,
	routeAssignedUsers,
	routeWabaAnalytics,
	routeHealthStatus,
	routeTemplates,
	routeBusinessPool,
	routeBusinessWabas,
	routeWaba,
	routeWabaAccount,
	routeBusinessProfile,
	routeQrCodes,
	routeOfficialBusinessAccount,
	routePhoneNumber,
	routePreVerifiedNumber,
];

const VERSION = /^v[0-9]+\.[0-9]+$/;

export class SimulatorCore implements SimulatorState {
	readonly numbers = new Map<string, PreVerifiedNumber>();

	/** "<business>:<digits>" -> id, so that adds stay O(1) in runs of 100,000 numbers. */
	readonly idByNumber = new Map<string, string>();

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

	readonly health = new Map<string, EntityHealth>();

	readonly uploads = new Map<string, UploadSession>();

	readonly templates = new Map<string, MessageTemplate>();

	readonly templateReviewMs: number;

	readonly obaReviewMs: number;

	readonly creditLines = new Map<string, CreditLine>();

	readonly creditAllocations = new Map<string, CreditAllocation>();

	creditRole: SimulatorState['creditRole'] = 'ADMIN';

	/** Added to the real clock for expiry and verification times: tests move time forward. */
	clockOffsetMs = 0;

	/** The simulator's time: the real clock moved by advanceClock. */
	now(): number {
		return (this.options.clock ?? Date.now)() + this.clockOffsetMs;
	}

	/** Moves time forward and applies what Meta does meanwhile to the pool (its expiries). */
	advanceClock(ms: number): void {
		this.clockOffsetMs += ms;
		expirePool(this, this.now());
	}

	/** Removes a pre-verified number from its pool (deleted, expired, or claimed by a client). */
	removeNumber(number: PreVerifiedNumber): void {
		this.numbers.delete(number.id);
		this.idByNumber.delete(`${number.businessId}:${number.digits}`);
	}

	/** A new Graph object ID. */
	newId(): string {
		return String(this.nextId++);
	}

	/** Calls answered with a throttling error (budget spent, or the throttle fault). */
	get throttledCalls(): number {
		return this.budget.throttledCalls + this.throttleFaults;
	}

	/** When the budget throttled a call (the real clock, ms). */
	get throttledAt(): number[] {
		return this.budget.throttledAt;
	}

	/** Counts calls another system of the business made over the last window (see budget.ts). */
	prefillUsage(businessId: string, calls: number): void {
		this.budget.prefill(businessId, calls);
	}

	/** The highest business usage the simulator reported, in percent. */
	get highestUsagePercent(): number {
		return this.budget.highestPercent;
	}

	faults: FaultSettings;

	/** Answers used, in order, for the next requests to the Graph API paths. */
	readonly script: ScriptedResponse[] = [];

	readonly businessIds: string[];

	private readonly budget: UsageBudget;

	private throttleFaults = 0;

	private readonly random: () => number;

	private server?: Server;

	private readonly sockets = new Set<Socket>();

	private nextId = 100_000_000_000_000;

	constructor(private readonly options: SimulatorOptions) {
		this.businessIds = options.businessIds;
		this.templateReviewMs = options.templateReviewMs ?? 1000;
		this.obaReviewMs = options.obaReviewMs ?? 1000;
		this.faults = { ...NO_FAULTS, ...options.faults };
		this.random = seededRandom(options.seed ?? 42);
		this.budget = new UsageBudget({
			callsPerWindow: options.callsPerWindow ?? 0,
			appCallsPerWindow: options.appCallsPerWindow ?? 0,
			windowMs: options.windowMs ?? 3_600_000,
			retryAfterHeader: options.retryAfterHeader === true,
		});
		for (const waba of options.wabas ?? [
			{ id: SIMULATOR_WABA_ID, businessId: options.businessIds[0], name: 'Simulator WABA' },
		]) {
			this.wabas.set(waba.id, waba);
		}
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
			authorized: req.headers.authorization !== undefined,
			scheme: (req.headers.authorization ?? '').split(' ')[0] || undefined,
			host: req.headers.host,
		};
		this.requests.push(record);
		const { fields: body, raw } = await readBody(req);
		record.body = body;
		if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);

		// Test-only routes, documented in the README.
		if (url.pathname.startsWith('/__simulator/')) {
			record.status = 200;
			this.handleControl(url, req.method ?? 'GET', body, res);
			return;
		}

		// Meta's CDN for QR images: outside the Graph API, so no token, budget or faults.
		if (url.pathname.startsWith(CDN_PREFIX)) {
			record.status = serveQrImage(this, url, res);
			return;
		}

		const scripted = takeScripted(this.script, record.method, url.pathname);
		if (scripted && !scripted.action) {
			record.status = answerScripted(scripted, res);
			return;
		}
		const fault = scripted?.action ?? drawFault(this.faults, this.random);
		const transportFault = fault ? TRANSPORT_FAULTS[fault] : undefined;
		if (transportFault) {
			record.status = transportFault(req, res);
			return;
		}

		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		try {
			faultBeforeGraph(fault);
			this.authenticate(req);
			const segments = url.pathname.split('/').filter(Boolean);
			const [version] = segments;
			if (!version || !VERSION.test(version)) {
				throw graphError(400, 100, `Unknown API version "${version ?? ''}"`);
			}
			const businessId = this.businessOf(segments);
			const throttledBefore = this.budget.throttledAt.length;
			try {
				this.budget.spend(businessId, headers);
			} finally {
				if (this.budget.throttledAt.length > throttledBefore) record.throttled = true;
			}
			if (businessId && fault === 'throttle') {
				this.throttleFaults++;
				throw throttleFault();
			}
			const scheme = record.scheme ?? '';
			const answer = this.route(req.method ?? 'GET', segments.slice(1), url, body, raw, scheme);
			if (faultAfterApplied(fault, req)) return;
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

	/** The test-only routes under /__simulator/: none in the core (see GraphApiSimulator.ts). */
	protected handleControl(
		_url: URL,
		_method: string,
		_body: Record<string, unknown>,
		res: ServerResponse,
	): void {
		res.writeHead(404, { 'Content-Type': 'application/json' });
		res.end('{"error":"unknown simulator route"}');
	}

	private authenticate(req: IncomingMessage): void {
		const header = req.headers.authorization ?? '';
		// Meta takes the token as Bearer, or as OAuth (which upload sessions require).
		if (header !== `Bearer ${this.options.token}` && header !== `OAuth ${this.options.token}`) {
			throw graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token', {
				error_subcode: header ? 467 : undefined,
			});
		}
	}

	/** The business a request spends budget for, when its path names one. */
	private businessOf(segments: string[]): string | undefined {
		const target = segments[1];
		if (!target) return undefined;
		if (this.businessIds.includes(target)) return target;
		const wabaId = this.phoneNumbers.get(target)?.wabaId ?? target;
		return this.wabas.get(wabaId)?.businessId ?? this.numbers.get(target)?.businessId;
	}

	private route(
		method: string,
		path: string[],
		url: URL,
		body: Record<string, unknown>,
		raw: Buffer,
		scheme: string,
	): unknown {
		const [target, edge, ...rest] = path;
		const graphRoute = { method, target, edge, child: rest[0], url, body, raw, scheme };
		// An upload session's ID is no number: "upload:" and base64.
		if (target?.startsWith('upload:') && !edge) return routeUploads(this, graphRoute);
		const nested = rest.length === 1 && edge !== undefined && EDGES_WITH_CHILD.has(edge);
		if ((rest.length > 0 && !nested) || !target) {
			throw graphError(400, 100, 'Unknown path components');
		}
		if (target === 'me' && !edge && method === 'GET') {
			return { id: '10000000000001', name: 'Simulator System User' };
		}
		if (!NUMERIC_ID.test(target)) {
			throw graphError(400, 100, `Invalid parameter: "${target.slice(0, 40)}" is not a valid ID`);
		}
		for (const resource of RESOURCES) {
			const answer = resource(this, graphRoute);
			if (answer !== NOT_MINE) return answer;
		}
		if (this.businessIds.includes(target)) {
			throw graphError(400, 100, `Unsupported request on business ${target}`);
		}
		throw graphError(404, 803, `Some of the aliases you requested do not exist: ${target}`);
	}
}
