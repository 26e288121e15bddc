import { requestOptions } from '../../nodes/WhatsAppBusinessManagement/actions/common.descriptions';
import {
	DEFAULT_RETRY_POLICY,
	DEFAULT_TIMEOUT_MS,
	DEFAULT_USAGE_CEILING_PERCENT,
} from '../../nodes/WhatsAppBusinessManagement/transport';

test('the literal defaults of the request options equal the transport defaults', () => {
	const defaults = Object.fromEntries(requestOptions.map((o) => [o.name, o.default]));
	expect(defaults).toEqual({
		maxAttempts: DEFAULT_RETRY_POLICY.maxAttempts,
		maxTotalWaitSeconds: DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000,
		initialRetryDelayMs: DEFAULT_RETRY_POLICY.initialDelayMs,
		timeoutMs: DEFAULT_TIMEOUT_MS,
		usageCeilingPercent: DEFAULT_USAGE_CEILING_PERCENT,
	});
});
