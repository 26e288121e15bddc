/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// The simulator tests and scripts use: the core (core.ts) with its test-only control routes
// (control.ts) and seeding (each resource's module). They depend on the core, never the other
// way round.
import type { ServerResponse } from 'http';

import { handleControl } from './control';
import { SimulatorCore } from './core';
import { seedCreditLine } from './resources/creditLines';
import { seedConnectedNumber } from './resources/phoneNumbers';
import { putNumber } from './resources/preVerifiedNumbers';
import { seedTemplate } from './resources/templates';
import type { MessageTemplate, WabaPhoneNumber } from './types';

export { RELIABILITY_FAULTS } from './faults';
export { atoms, POINTS_PER_PAGE, templateDay, wabaPhones } from './resources/analytics';
export { BLOCKED_ERRORS } from './resources/healthStatus';
export { settle } from './resources/templates';
export { SIMULATOR_APP, SIMULATOR_WABA_ID } from './types';
export type {
	CreditAllocation,
	CreditLine,
	EntityHealth,
	FaultSettings,
	MessageTemplate,
	PreVerifiedNumber,
	RecordedRequest,
	ScriptedResponse,
	SimulatorOptions,
	VerificationStatus,
	Waba,
	WabaPhoneNumber,
} from './types';

/** The core, with the test-only control routes and what tests seed before a run. */
export class GraphApiSimulator extends SimulatorCore {
	/** Puts a template into a WABA, as if created and reviewed earlier (APPROVED by default). */
	seedMessageTemplate(
		wabaId: string,
		template: Partial<MessageTemplate> & { name: string },
	): MessageTemplate {
		return seedTemplate(this, wabaId, template);
	}

	/** Gives a business a credit line (its legal entity's name); returns the credit line's ID. */
	seedCreditLine(businessId: string, legalEntityName: string, id?: string): string {
		return seedCreditLine(this, businessId, legalEntityName, id);
	}

	/** Puts a number straight into a business's pool, as if added (and verified) earlier. */
	seedPreVerifiedNumber(businessId: string, digits: string, verified = false): string {
		return putNumber(this, businessId, digits, verified);
	}

	/** Puts a registered (CONNECTED) number straight into a WABA, as if claimed and registered earlier. */
	seedConnectedPhoneNumber(
		id: string,
		national: string,
		extra: Partial<WabaPhoneNumber> = {},
	): WabaPhoneNumber {
		return seedConnectedNumber(this, id, national, extra);
	}

	protected handleControl(
		url: URL,
		method: string,
		body: Record<string, unknown>,
		res: ServerResponse,
	): void {
		handleControl(this, url, method, body, res);
	}
}
