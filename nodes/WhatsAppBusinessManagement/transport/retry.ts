import { sleep } from 'n8n-workflow';

import { GraphApiError } from './GraphApiError';

/** How one request is retried. The node's "Retry" options fill it; see README, "Retries". */
export interface RetryPolicy {
	/** Attempts in all, the first included; 1 disables retries. */
	maxAttempts: number;
	/** The most time spent waiting between attempts of one request, in ms. */
	maxTotalWaitMs: number;
	/** The backoff's first ceiling, doubled per retry up to maxDelayMs. */
	initialDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	maxTotalWaitMs: 300_000,
	initialDelayMs: 1_000,
	maxDelayMs: 60_000,
};

export interface RetryState {
	attempts: number;
	waitedMs: number;
	/** Failures that may have reached Meta and been processed (timeouts, resets, 5xx). */
	ambiguous: boolean;
}

/** A failure after which the request may have been processed: a retry may find it done. */
function isAmbiguous(error: GraphApiError): boolean {
	return (
		error.category === 'network' || error.category === 'server' || error.category === 'transient'
	);
}

/**
 * Capped exponential backoff with full jitter, unless Meta said how long to wait
 * (`Retry-After`, or `estimated_time_to_regain_access` in `X-Business-Use-Case-Usage`).
 */
export function retryDelayMs(
	policy: RetryPolicy,
	retryNumber: number,
	error: GraphApiError,
): number {
	if (error.retryAfterMs !== null && error.retryAfterMs > 0) return error.retryAfterMs;
	const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (retryNumber - 1));
	return Math.floor(Math.random() * ceiling);
}

/**
 * Runs `attempt` until it succeeds, fails for good, or the policy runs out. The error thrown
 * last says how many attempts were made; `state` tells the caller what happened on the way.
 */
export async function withRetries<T>(
	policy: RetryPolicy,
	attempt: () => Promise<T>,
	state: RetryState = { attempts: 0, waitedMs: 0, ambiguous: false },
): Promise<T> {
	for (;;) {
		state.attempts++;
		const outcome = await attempt().then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (outcome.ok) return outcome.value;
		const error = outcome.error;
		// Only Meta's answers (or their absence) are retried; anything else is passed on as it is.
		if (!(error instanceof GraphApiError)) throw error;
		if (!error.retryable || state.attempts >= policy.maxAttempts) {
			throw error.afterAttempts(state.attempts);
		}
		const delay = retryDelayMs(policy, state.attempts, error);
		if (state.waitedMs + delay > policy.maxTotalWaitMs) {
			throw error.afterAttempts(state.attempts, delay);
		}
		if (isAmbiguous(error)) state.ambiguous = true;
		state.waitedMs += delay;
		if (delay > 0) await sleep(delay);
	}
}
