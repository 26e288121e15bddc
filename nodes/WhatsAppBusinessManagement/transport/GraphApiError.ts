import { errorDetails } from '../helpers/errors';
import type { ErrorCategory, ErrorDetails, GraphErrorFields } from '../helpers/errors';

export type { GraphErrorFields } from '../helpers/errors';

/**
 * A request to Meta that failed: Meta's answer, or no answer at all, already classified. Every
 * string in it is free of secrets.
 */
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

	/** The same failure, saying how many attempts were made and, if so, why retrying stopped. */
	afterAttempts(attempts: number, refusedWaitMs?: number): GraphApiError {
		let message = this.message;
		if (attempts > 1) message += ` Gave up after ${attempts} attempts.`;
		if (refusedWaitMs !== undefined) {
			message += ` The next retry would wait ${Math.ceil(refusedWaitMs / 1000)} s, past the Max Total Wait.`;
		}
		return new GraphApiError({ ...this, message, attempts });
	}

	toDetails(): ErrorDetails {
		return errorDetails(this, this.graph);
	}
}
