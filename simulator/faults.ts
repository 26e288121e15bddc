// Faults drawn per request from a seeded generator, so that a run can be repeated.
import type { FaultSettings } from './types';

export type Fault =
	'server' | 'throttle' | 'reset' | 'html' | 'invalidJson' | 'hang' | 'lostAnswer';

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
