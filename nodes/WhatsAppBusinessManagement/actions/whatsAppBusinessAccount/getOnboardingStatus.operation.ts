import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { nextStep, ONBOARDING_STEPS } from '../../helpers/onboarding';
import type { OnboardingStep, StepResults } from '../../helpers/onboarding';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { readStep, STEP_READERS } from './onboardingSteps';
import type { OnboardingRead } from './onboardingSteps';

const STEP_LABELS: Record<OnboardingStep, string> = {
	system_user: 'System User Assigned',
	credit_line: 'Credit Line Shared and Verified',
	webhooks: 'App Subscribed to Webhooks',
	phone_numbers: 'Phone Numbers Registered',
	display_names: 'Display Names Approved',
	business_profile: 'Business Profiles Set',
	templates: 'Approved Templates',
	health: 'Can Send Messages',
};

const properties: INodeProperties[] = [
	...wabaFields,
	optionsCollection([
		{
			displayName: 'Credit Line ID',
			name: 'creditLineId',
			type: 'string',
			default: '',
			placeholder: '1972385232742146',
			description:
				"Solution Partners: the credit line the client's WABA should be funded by (Credit Line → Get Many). Empty: the credit line step is skipped.",
		},
		{
			displayName: 'System User ID',
			name: 'systemUserId',
			type: 'string',
			default: '',
			placeholder: 'The token’s own user',
			description:
				"The partner's system user that should be assigned to the WABA. Empty: the user the credential's token belongs to.",
		},
		{
			displayName: 'Skip Steps',
			name: 'skipSteps',
			type: 'multiOptions',
			default: [],
			options: ONBOARDING_STEPS.map((step) => ({ name: STEP_LABELS[step], value: step })),
			description:
				'Steps not to read, e.g. for a Tech Provider without a credit line; each saves requests',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['getOnboardingStatus'] } },
	properties,
);

interface StatusRequest {
	wabaId: string;
	creditLineId: string;
	systemUserId: string;
	skip: Set<OnboardingStep>;
	partnerBusinessId: string;
}

/**
 * Get Onboarding Status: one item per WABA with each step of the journey (system user, credit
 * line, webhooks, numbers registered, display names, business profiles, approved templates,
 * health) and `next_step`, the first still missing, in words a partner acts on. Only reads.
 */
export const getOnboardingStatus: Operation<StatusRequest> = {
	description,

	prepare(context, itemIndex, options, run) {
		const id = (name: string, label: string) => {
			const value = String(options[name] ?? '').trim();
			if (value !== '' && !/^[0-9]+$/.test(value)) {
				throw new InputError(
					`${label} ${quoteInput(value)} is not valid: use the digits of the ID.`,
				);
			}
			return value;
		};
		const skip = Array.isArray(options.skipSteps) ? (options.skipSteps as OnboardingStep[]) : [];
		return {
			wabaId: readWabaId(context, itemIndex),
			creditLineId: id('creditLineId', 'Credit Line ID'),
			systemUserId: id('systemUserId', 'System User ID'),
			skip: new Set(skip),
			partnerBusinessId: run.credentialBusinessId,
		};
	},

	async run(context, connection, request) {
		const { wabaId, skip } = request;
		const waba = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(wabaId),
			qs: { fields: 'id,name,account_review_status' },
		});
		const read: OnboardingRead = {
			context,
			connection,
			...request,
			profiles: {},
			approvedTemplates: null,
			canSendMessage: null,
		};
		const steps: StepResults = {};
		for (const step of ONBOARDING_STEPS) {
			const skipped = skip.has(step) || (step === 'credit_line' && request.creditLineId === '');
			steps[step] = skipped ? { state: 'skipped' } : await readStep(() => STEP_READERS[step](read));
		}
		const next = nextStep(steps);
		const numbers = read.numbers ? await read.numbers.catch(() => []) : [];
		return {
			waba_id: wabaId,
			name: waba.name ?? null,
			account_review_status: waba.account_review_status ?? null,
			ready: next === null,
			next_step: next?.detail ?? null,
			next_step_name: next?.step ?? null,
			...Object.fromEntries(ONBOARDING_STEPS.map((step) => [step, steps[step]?.state])),
			unknown_reasons: Object.fromEntries(
				Object.entries(steps)
					.filter(([, result]) => result.state === 'unknown')
					.map(([step, result]) => [step, result.detail ?? null]),
			),
			numbers: numbers.map((n) => ({
				id: n.id,
				display_phone_number: n.display_phone_number ?? null,
				status: n.status ?? null,
				name_status: n.name_status ?? null,
				...(String(n.id) in read.profiles ? { profile_set: read.profiles[String(n.id)] } : {}),
			})),
			system_user_id: read.systemUserId || null,
			approved_templates: read.approvedTemplates,
			can_send_message: read.canSendMessage,
		};
	},
};
