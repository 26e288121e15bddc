// The simulator's public shapes: its options and the records it keeps.

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
	/**
	 * 'reset' drops the connection, 'hang' never answers, 'lostAnswer' processes then drops,
	 * 'appliedThenFail' processes then answers 500 (Meta's transient code 2): both ambiguous.
	 */
	action?: 'reset' | 'hang' | 'lostAnswer' | 'appliedThenFail';
	/** Only for the first request that matches (method, and the path's end); else the next one. */
	when?: { method?: string; pathEndsWith?: string };
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
	/**
	 * How long Meta's review of a created, edited or copied template takes (simulator time); it
	 * then is APPROVED unless a control call decided otherwise. Default 1 s.
	 */
	templateReviewMs?: number;
	/** How long Meta's review of an Official Business Account request takes. Default 1 s. */
	obaReviewMs?: number;
}

export interface Waba {
	id: string;
	businessId: string;
	name: string;
	/** Shared with the business by a client (client_whatsapp_business_accounts), not owned. */
	client?: boolean;
	/** Meta's review of the account; APPROVED unless a test sets it. */
	account_review_status?: 'APPROVED' | 'PENDING' | 'REJECTED' | 'RESTRICTED';
	/** The business's verification; VERIFIED unless a test sets it. */
	business_verification_status?: 'VERIFIED' | 'NOT_VERIFIED' | 'PENDING';
	/** Apps subscribed to the WABA's webhooks (POST /{WABA-ID}/subscribed_apps). */
	subscribedApps?: SubscribedApp[];
	/** is_enabled_for_insights: template analytics answer only when on (the default here). */
	insightsEnabled?: boolean;
	/** The WABA's currency (USD unless a test sets it). */
	currency?: string;
	/** The client's own business (owner_business_info); by default one made up per client WABA. */
	ownerBusiness?: { id: string; name: string };
	/** The client removed the partner: the WABA is no longer readable, nor listed. */
	partnerRemoved?: boolean;
	/** Meta refuses every read of the WABA (access removed, Meta down for it), yet lists it. */
	refusal?: { status: number; code: number; message: string };
	/** The funding source attached to the WABA: a credit line's receiving credential. */
	primaryFundingId?: string;
	/** Users assigned to the WABA (POST /{WABA-ID}/assigned_users), with their tasks. */
	assignedUsers?: Array<{ id: string; tasks: string[] }>;
}

/** A partner's credit line (GET /{Business-ID}/extendedcredits). */
export interface CreditLine {
	id: string;
	businessId: string;
	legal_entity_name: string;
}

/** A credit line shared with a client's business: an allocation config. */
export interface CreditAllocation {
	id: string;
	creditLineId: string;
	receivingBusiness: { id: string; name: string };
	/** The credential the client's WABAs are funded by (their primary_funding_id). */
	receivingCredentialId: string;
	request_status: 'ACTIVE' | 'DELETED';
}

/** One entity's messaging health (Meta's health_status entities), as a control call sets it. */
export interface EntityHealth {
	can_send_message: 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
	errors?: Array<{ error_code: number; error_description: string; possible_solution: string }>;
	additional_info?: string[];
}

export interface SubscribedApp {
	id: string;
	name: string;
	override_callback_uri?: string;
}

/** The app the simulator's token belongs to: the one that subscribes to webhooks. */
export const SIMULATOR_APP = { id: '3000000000000001', name: 'Simulator App' };

/** A QR code of a phone number (POST /{Phone-Number-ID}/message_qrdls). */
export interface QrCode {
	code: string;
	prefilled_message: string;
	createdAt: number;
}

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
	/** Deprecated by Meta: kept as it was seeded, no longer updated (as Meta's today). */
	messaging_limit_tier: string;
	/** The business portfolio's messaging limit, Meta's current field. */
	whatsapp_business_manager_messaging_limit?: string;
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
	/** whatsapp_business_profile: what customers see; only the fields ever set. */
	businessProfile?: Record<string, unknown>;
	/** conversational_automation: welcome message, prompts, commands, as last set. */
	automation?: Record<string, unknown>;
	qrCodes?: Map<string, QrCode>;
	/** A number migrated from another provider: the source number's ID, until registered here. */
	migratedFrom?: string;
	/** Its Official Business Account badge: status, review and the last request. */
	oba?: {
		oba_status: string;
		status_message?: string;
		reviewAt?: number;
		/** What the review decides (a control call); APPROVED when unset. */
		outcome?: string;
		rejectedAt?: number;
		request?: Record<string, unknown>;
	};
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
	/** Whether it carried an Authorization header (never for a CDN download). */
	authorized: boolean;
	/** The JSON body as received ({} when none): what each item really sent. */
	body?: Record<string, unknown>;
	/** The Authorization header's scheme ("Bearer", "OAuth"), never the token. */
	scheme?: string;
	/** Which host the request named (its Host header): every request must stay on the Base URL's. */
	host?: string;
	/** Whether Meta's limit (the business's or the app's) refused it. */
	throttled?: boolean;
}

/** A message template of a WABA (GET/DELETE /{WABA-ID}/message_templates, GET /{TEMPLATE-ID}). */
export interface MessageTemplate {
	id: string;
	wabaId: string;
	name: string;
	language: string;
	category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
	status: string;
	quality_score?: 'GREEN' | 'YELLOW' | 'RED' | 'UNKNOWN';
	rejected_reason?: string;
	parameter_format?: 'POSITIONAL' | 'NAMED';
	components: Array<Record<string, unknown>>;
	/** While PENDING: when Meta's review ends (simulator time), and what it decides. */
	reviewAt?: number;
	reviewOutcome?: { status: string; rejected_reason?: string };
}

/** One Resumable Upload session (POST /{app-id}/uploads), and what it received. */
export interface UploadSession {
	id: string;
	appId: string;
	fileName: string;
	fileLength: number;
	fileType: string;
	/** The bytes received, once the file was sent. */
	bytes?: Buffer;
	/** The handle answered for the file. */
	handle?: string;
}

/** What a resource module reads and changes: the simulator's state, shared by every resource. */
export interface SimulatorState {
	readonly businessIds: string[];
	readonly numbers: Map<string, PreVerifiedNumber>;
	/** "<business>:<digits>" -> id, so that adds stay O(1) in runs of 100,000 numbers. */
	readonly idByNumber: Map<string, string>;
	readonly addsByNumber: Map<string, number>;
	readonly wabas: Map<string, Waba>;
	readonly phoneNumbers: Map<string, WabaPhoneNumber>;
	/** Messaging health by entity ID (number, WABA, business, app); AVAILABLE when absent. */
	readonly health: Map<string, EntityHealth>;
	/** Resumable Upload sessions by ID. */
	readonly uploads: Map<string, UploadSession>;
	/** Message templates by ID. */
	readonly templates: Map<string, MessageTemplate>;
	/** How long a template's review, and an Official Business Account's, take (simulator time). */
	readonly templateReviewMs: number;
	readonly obaReviewMs: number;
	/** Partners' credit lines, and their sharings with clients' businesses, by ID. */
	readonly creditLines: Map<string, CreditLine>;
	readonly creditAllocations: Map<string, CreditAllocation>;
	/** The token's system user's role on the partner's business: credit lines need ADMIN or FINANCIAL_EDITOR. */
	creditRole: 'ADMIN' | 'FINANCIAL_EDITOR' | 'EMPLOYEE';
	readonly baseUrl: string;
	now(): number;
	/** A new Graph object ID. */
	newId(): string;
	removeNumber(number: PreVerifiedNumber): void;
}

/** One Graph API request as a resource sees it: /{version}/{target}/{edge}. */
export interface GraphRoute {
	method: string;
	target: string;
	edge: string | undefined;
	/** A third segment, for the edges that have one: /{target}/{edge}/{child}. */
	child: string | undefined;
	url: URL;
	body: Record<string, unknown>;
	/** The body's bytes as received: a file for an upload session. */
	raw: Buffer;
	/** The Authorization header's scheme: "Bearer", or "OAuth" as uploads require. */
	scheme: string;
}

/** Returned by a resource for a request that is not about its objects. */
export const NOT_MINE = Symbol('not mine');

/** A resource module: answers the requests about its objects, NOT_MINE to the others. */
export type Resource = (state: SimulatorState, route: GraphRoute) => unknown;
