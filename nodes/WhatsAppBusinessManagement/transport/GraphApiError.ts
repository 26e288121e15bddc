import type { IDataObject } from 'n8n-workflow';

export type ErrorCategory =
	| 'validation'
	| 'auth'
	| 'permission'
	| 'not_found'
	| 'duplicate'
	| 'rate_limit'
	| 'transient'
	| 'server'
	| 'network';

/** The fields of a Graph API error body, `{"error": {...}}`, that we carry through. */
export interface GraphErrorFields {
	message?: string;
	type?: string;
	code?: number;
	error_subcode?: number;
	fbtrace_id?: string;
	is_transient?: boolean;
	error_user_title?: string;
	error_user_msg?: string;
}

export interface GraphApiErrorDetails extends IDataObject {
	category: ErrorCategory;
	retryable: boolean;
	httpCode: number | null;
	/** Meta's own message, as sent. */
	message: string | null;
	code: number | null;
	error_subcode: number | null;
	type: string | null;
	fbtrace_id: string | null;
	is_transient: boolean | null;
	error_user_title: string | null;
	error_user_msg: string | null;
	/** Requests made for this item before giving up (0 when it failed before any request). */
	attempts: number;
}

/** A failed Graph API call, already classified; every string in it is free of secrets. */
export class GraphApiError extends Error {
	readonly category: ErrorCategory;

	readonly retryable: boolean;

	readonly httpCode: number | null;

	readonly graph: GraphErrorFields;

	/** Set when the answer's `X-Business-Use-Case-Usage` or `Retry-After` said how long to wait. */
	readonly retryAfterMs: number | null;

	readonly attempts: number;

	constructor(options: {
		message: string;
		category: ErrorCategory;
		retryable: boolean;
		httpCode?: number | null;
		graph?: GraphErrorFields;
		retryAfterMs?: number | null;
		attempts?: number;
	}) {
		super(options.message);
		this.name = 'GraphApiError';
		this.category = options.category;
		this.retryable = options.retryable;
		this.httpCode = options.httpCode ?? null;
		this.graph = options.graph ?? {};
		this.retryAfterMs = options.retryAfterMs ?? null;
		this.attempts = options.attempts ?? 0;
	}

	/** Any thrown value as a GraphApiError: ours pass through; others keep only their message. */
	static from(error: unknown): GraphApiError {
		if (error instanceof GraphApiError) return error;
		const message = error instanceof Error ? error.message : String(error);
		return new GraphApiError({ message, category: 'validation', retryable: false });
	}

	/** The same failure, saying how many attempts were made and, if so, why retrying stopped. */
	afterAttempts(attempts: number, refusedWaitMs?: number): GraphApiError {
		let message = this.message;
		if (attempts > 1) message += ` Gave up after ${attempts} attempts.`;
		if (refusedWaitMs !== undefined) {
			message += ` The next retry would wait ${Math.ceil(refusedWaitMs / 1000)} s, past the Max Total Wait.`;
		}
		return new GraphApiError({
			message,
			category: this.category,
			retryable: this.retryable,
			httpCode: this.httpCode,
			graph: this.graph,
			retryAfterMs: this.retryAfterMs,
			attempts,
		});
	}

	toDetails(): GraphApiErrorDetails {
		const g = this.graph;
		return {
			category: this.category,
			retryable: this.retryable,
			httpCode: this.httpCode,
			message: g.message ?? null,
			code: g.code ?? null,
			error_subcode: g.error_subcode ?? null,
			type: g.type ?? null,
			fbtrace_id: g.fbtrace_id ?? null,
			is_transient: g.is_transient ?? null,
			error_user_title: g.error_user_title ?? null,
			error_user_msg: g.error_user_msg ?? null,
			attempts: this.attempts,
		};
	}
}
