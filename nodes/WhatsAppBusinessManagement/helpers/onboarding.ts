// Where a client stands on the partner's onboarding journey (Get Onboarding Status): each step's
// state from what the node read, and the first step still missing, in words a partner can act
// on. Pure: the operation reads Meta, this decides.

export type StepState = 'done' | 'missing' | 'unknown' | 'skipped';

/** The journey's steps, in the order a partner takes them after Embedded Signup. */
export const ONBOARDING_STEPS = [
	'system_user',
	'credit_line',
	'webhooks',
	'phone_numbers',
	'display_names',
	'business_profile',
	'templates',
	'health',
] as const;

export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export interface StepResult {
	state: StepState;
	/** What to do when the step is missing (or why it is unknown: Meta's reason). */
	detail?: string;
}

export type StepResults = Partial<Record<OnboardingStep, StepResult>>;

/** The first step still missing, or null when none is (unknown and skipped steps do not count). */
export function nextStep(steps: StepResults): { step: OnboardingStep; detail: string } | null {
	for (const step of ONBOARDING_STEPS) {
		const result = steps[step];
		if (result?.state === 'missing') return { step, detail: result.detail ?? step };
	}
	return null;
}
