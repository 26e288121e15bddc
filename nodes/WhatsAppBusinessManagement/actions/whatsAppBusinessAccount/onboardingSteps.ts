import type { IDataObject } from 'n8n-workflow';

import { readHealthStatus } from '../../helpers/healthStatus';
import type { OnboardingStep, StepResult } from '../../helpers/onboarding';
import { edges, graphApiRequest, graphApiRequestAllItems, GraphApiError } from '../../transport';
import type { Context, GraphConnection } from '../../transport';
import { creditLineStatus } from '../creditLine/creditLine';
import { readSubscribedApps } from './subscribedApps';

// How Get Onboarding Status reads each step of a client's journey, one reader per step. The
// numbers are read once for the three steps that need them; what a reader learns besides its
// state (the numbers, their profiles, the approved templates, the health) is kept for the item.

export interface OnboardingRead {
	context: Context;
	connection: GraphConnection;
	wabaId: string;
	creditLineId: string;
	systemUserId: string;
	partnerBusinessId: string;
	numbers?: Promise<IDataObject[]>;
	profiles: Record<string, boolean>;
	approvedTemplates: number | null;
	canSendMessage: string | null;
}

const done = (): StepResult => ({ state: 'done' });
const missing = (detail: string): StepResult => ({ state: 'missing', detail });
const label = (number: IDataObject) => String(number.display_phone_number ?? number.id);
const NO_NUMBER =
	'Add a phone number to the WABA (Phone Number → Add to WhatsApp Business Account).';

/** A step the token may not read is unknown, with Meta's reason; any other failure stays one. */
export async function readStep(read: () => Promise<StepResult>): Promise<StepResult> {
	return await read().catch(async (error: unknown) => {
		const refused =
			error instanceof GraphApiError &&
			['permission', 'validation', 'not_found', 'auth'].includes(error.category);
		return refused
			? { state: 'unknown' as const, detail: (error as GraphApiError).message }
			: await Promise.reject(error);
	});
}

function numbersOf(read: OnboardingRead): Promise<IDataObject[]> {
	read.numbers ??= graphApiRequestAllItems.call(read.context, read.connection, {
		method: 'GET',
		path: edges.wabaPhoneNumbers(read.wabaId),
		qs: { fields: 'id,display_phone_number,status,code_verification_status,name_status' },
	});
	return read.numbers;
}

const get = (read: OnboardingRead, path: string[], qs: IDataObject = {}) =>
	graphApiRequest.call(read.context, read.connection, { method: 'GET', path, qs });

export const STEP_READERS: Record<OnboardingStep, (read: OnboardingRead) => Promise<StepResult>> = {
	async system_user(read) {
		const user = read.systemUserId || String((await get(read, ['me'], { fields: 'id' })).id ?? '');
		read.systemUserId = user;
		if (read.partnerBusinessId === '') {
			return {
				state: 'unknown',
				detail: `Set the partner's Business ID in the credential to check that user ${user} is assigned to the WABA.`,
			};
		}
		const users = await graphApiRequestAllItems.call(read.context, read.connection, {
			method: 'GET',
			path: edges.assignedUsers(read.wabaId),
			qs: { business: read.partnerBusinessId, fields: 'id' },
		});
		return users.some((u) => String(u.id) === user)
			? done()
			: missing(
					`Assign your system user ${user} to the WABA (WhatsApp Business Account → Assign User).`,
				);
	},

	async credit_line(read) {
		const status = await creditLineStatus(
			read.context,
			read.connection,
			read.creditLineId,
			read.wabaId,
		);
		if (status.verified) return done();
		return missing(
			status.shared
				? `Credit line ${read.creditLineId} is shared with the client's business but does not fund this WABA: share it with this WABA (Credit Line → Share With WABA).`
				: `Share your credit line ${read.creditLineId} with the WABA (Credit Line → Share With WABA): until then the client cannot pay, so it cannot send.`,
		);
	},

	async webhooks(read) {
		const apps = readSubscribedApps(await get(read, edges.subscribedApps(read.wabaId)));
		return apps.length > 0
			? done()
			: missing(
					"Subscribe your app to the WABA's webhooks (WhatsApp Business Account → Subscribe App to Webhooks).",
				);
	},

	async phone_numbers(read) {
		const numbers = await numbersOf(read);
		const waiting = numbers.find((n) => n.status !== 'CONNECTED');
		if (numbers.length === 0) return missing(NO_NUMBER);
		return waiting
			? missing(
					`Register ${label(waiting)} (Phone Number → Register; first Request Verification Code and Verify Code if it is not verified).`,
				)
			: done();
	},

	async display_names(read) {
		const numbers = await numbersOf(read);
		if (numbers.length === 0) return missing(NO_NUMBER);
		const pending = numbers.find(
			(n) => n.name_status !== undefined && n.name_status !== 'APPROVED',
		);
		return pending
			? missing(
					`Wait for Meta's review of the display name of ${label(pending)} (${String(pending.name_status)}), or request another (Phone Number → Request Display Name Change).`,
				)
			: done();
	},

	async business_profile(read) {
		const numbers = await numbersOf(read);
		if (numbers.length === 0) return missing(NO_NUMBER);
		for (const number of numbers) {
			const answer = await get(read, edges.businessProfile(String(number.id)), {
				fields: 'about,description,vertical',
			});
			const profile = (Array.isArray(answer.data) ? answer.data[0] : answer) as IDataObject;
			read.profiles[String(number.id)] = ['about', 'description', 'vertical'].some(
				(field) => typeof profile?.[field] === 'string' && profile[field] !== '',
			);
		}
		const unset = numbers.find((n) => !read.profiles[String(n.id)]);
		return unset
			? missing(
					`Set the business profile of ${label(unset)} (Phone Number → Update Business Profile).`,
				)
			: done();
	},

	async templates(read) {
		const page = await get(read, edges.messageTemplates(read.wabaId), {
			fields: 'id',
			status: 'APPROVED',
			limit: 100,
		});
		read.approvedTemplates = Array.isArray(page.data) ? page.data.length : 0;
		return read.approvedTemplates > 0
			? done()
			: missing(
					"Create or copy the client's first templates (Message Template → Create, or Copy From Another WABA) and wait for Meta's approval.",
				);
	},

	async health(read) {
		const health = readHealthStatus(
			await get(read, edges.node(read.wabaId), { fields: 'id,health_status' }),
		);
		const status = health.can_send_message;
		read.canSendMessage = typeof status === 'string' ? status : null;
		return read.canSendMessage === 'AVAILABLE' || read.canSendMessage === null
			? done()
			: missing(
					`The WABA cannot send freely (${read.canSendMessage}): ${String(health.problem_summary ?? 'see Get Health Status')}.`,
				);
	},
};
