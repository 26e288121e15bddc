/* eslint-disable @n8n/community-nodes/no-restricted-imports -- the test simulator: runs in Node.js, never inside n8n */
// The simulator tests and scripts use: the core (core.ts) with its test-only control routes
// (control.ts). The control routes depend on the core, never the other way round.
import type { ServerResponse } from 'http';

import { handleControl } from './control';
import { SimulatorCore } from './core';

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

export class GraphApiSimulator extends SimulatorCore {
	protected handleControl(
		url: URL,
		method: string,
		body: Record<string, unknown>,
		res: ServerResponse,
	): void {
		handleControl(this, url, method, body, res);
	}
}
