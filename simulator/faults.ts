/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// Faults: drawn per request from a seeded generator, so that a run can be repeated, or scripted
// by a test; and how each kind answers. The core asks at three points of a request: before it
// reaches Graph (the transport faults and Meta's 500), once its budget is spent (throttling),
// and once a resource has applied it (an ambiguous failure).
import type { IncomingMessage, ServerResponse } from 'http';

import { graphError } from './graph';
import type { FaultSettings, ScriptedResponse } from './types';

export type Fault =
	| 'server'
	| 'throttle'
	| 'reset'
	| 'html'
	| 'invalidJson'
	| 'hang'
	| 'lostAnswer'
	| 'appliedThenFail';

export const NO_FAULTS: FaultSettings = {
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

/** Mulberry32: small, seeded, good enough to draw faults reproducibly. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The fault for the next request, by the settings' shares, or null. */
export function drawFault(faults: FaultSettings, random: () => number): Fault | null {
	const draws: Array<[number, Fault]> = [
		[faults.throttleRate, 'throttle'],
		[faults.serverErrorRate, 'server'],
		[faults.resetRate, 'reset'],
		[faults.htmlRate, 'html'],
		[faults.invalidJsonRate, 'invalidJson'],
		[faults.hangRate, 'hang'],
		[faults.lostAnswerRate, 'lostAnswer'],
	];
	const roll = random();
	let edge = 0;
	for (const [rate, fault] of draws) {
		edge += rate;
		if (roll < edge) return fault;
	}
	return null;
}

/** The first scripted answer meant for this request, taken from the script; or none. */
export function takeScripted(
	script: ScriptedResponse[],
	method: string,
	path: string,
): ScriptedResponse | undefined {
	const index = script.findIndex(
		({ when }) =>
			!when ||
			((!when.method || when.method === method) &&
				(!when.pathEndsWith || path.endsWith(when.pathEndsWith))),
	);
	return index === -1 ? undefined : script.splice(index, 1)[0];
}

/** Sends a scripted answer as it stands; returns its status. */
export function answerScripted(scripted: ScriptedResponse, res: ServerResponse): number {
	const status = scripted.status ?? 200;
	res.writeHead(status, { 'Content-Type': 'application/json', ...scripted.headers });
	res.end(scripted.body ?? '');
	return status;
}

/**
 * The faults that never reach Graph: each answers (or does not) and gives the status recorded,
 * 0 where nothing was answered.
 */
export const TRANSPORT_FAULTS: Partial<
	Record<Fault, (req: IncomingMessage, res: ServerResponse) => number>
> = {
	// Never answers: the client's timeout must fire.
	hang: () => 0,
	reset: (req) => {
		req.socket.destroy();
		return 0;
	},
	html: (_req, res) => {
		res.writeHead(502, { 'Content-Type': 'text/html' });
		res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
		return 502;
	},
	invalidJson: (_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"id": "12');
		return 200;
	},
};

/** Meta's 500 with the transient code 2: the request may or may not have been applied. */
export const transientServerError = () =>
	graphError(500, 2, 'An unexpected error has occurred. Please retry your request later.', {
		is_transient: true,
	});

/** Before Graph: Meta's 500 for the server fault. */
export function faultBeforeGraph(fault: Fault | null): void {
	if (fault === 'server') throw transientServerError();
}

/** The throttle fault, once the business's budget is spent: Meta's app-level limit. */
export const throttleFault = () =>
	graphError(429, 4, 'Application request limit reached', {
		is_transient: true,
		error_subcode: 2446079,
	});

/**
 * Once a resource applied the request: the answer lost (the connection dropped; returns true,
 * nothing more to send) or a 500 although it was applied. False: answer as usual.
 */
export function faultAfterApplied(fault: Fault | null, req: IncomingMessage): boolean {
	if (fault === 'lostAnswer') {
		req.socket.destroy();
		return true;
	}
	if (fault === 'appliedThenFail') throw transientServerError();
	return false;
}
