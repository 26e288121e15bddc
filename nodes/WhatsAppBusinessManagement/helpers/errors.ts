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

/**
 * An error item's `details`, with the same fields whether Meta answered or not: the kind of
 * failure, what Meta said, and the requests made for the item (0 when none was sent).
 */
export function errorDetails(
	error: {
		category: ErrorCategory;
		retryable: boolean;
		httpCode: number | null;
		attempts: number;
		retryAfterMs?: number | null;
	},
	graph: GraphErrorFields = {},
) {
	return {
		category: error.category,
		retryable: error.retryable,
		httpCode: error.httpCode,
		message: graph.message ?? null,
		code: graph.code ?? null,
		error_subcode: graph.error_subcode ?? null,
		type: graph.type ?? null,
		fbtrace_id: graph.fbtrace_id ?? null,
		is_transient: graph.is_transient ?? null,
		error_user_title: graph.error_user_title ?? null,
		error_user_msg: graph.error_user_msg ?? null,
		attempts: error.attempts,
		/** How long Meta asked to wait, when it did: the earliest a later run should send the item. */
		retryAfterSeconds:
			typeof error.retryAfterMs === 'number' ? Math.ceil(error.retryAfterMs / 1000) : null,
	};
}

/**
 * A problem with the item's parameters or the credential, found before any request was sent,
 * or a state at Meta the item cannot change, found by reading before the request that would
 * have changed it. Its message says what is wrong and how to fix it, and holds no secret.
 */
export class InputError extends Error {
	readonly retryable = false;

	readonly httpCode = null;

	readonly attempts = 0;

	constructor(
		message: string,
		readonly category: 'validation' | 'auth' = 'validation',
	) {
		super(message);
		this.name = 'InputError';
	}

	toDetails(): ErrorDetails {
		return errorDetails(this);
	}
}

export type ErrorDetails = ReturnType<typeof errorDetails>;
