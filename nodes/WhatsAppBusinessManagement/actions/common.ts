import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from '../transport';
import type { ConnectionSettings } from '../transport';

/**
 * Retry and timeout options every operation offers, in its "Options" collection. The defaults
 * are literals for n8n's lint; test/unit/options.test.ts keeps them equal to the transport's.
 */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 5,
		description:
			"Attempts per request when Meta reports a temporary failure or throttling (1 = no retries). Leave n8n's own Retry On Fail off: it would repeat the whole node on top of this.",
	},
	{
		displayName: 'Max Total Wait (Seconds)',
		name: 'maxTotalWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'Longest time to wait between the attempts of one request, in all. If Meta asks for a longer pause, the item fails instead.',
	},
	{
		displayName: 'Initial Retry Delay (Ms)',
		name: 'initialRetryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description:
			"Upper bound of the first random wait before a retry, doubled each retry (exponential backoff with jitter). Meta's own wait hints take precedence.",
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeoutMs',
		type: 'number',
		typeOptions: { minValue: 100 },
		default: 30000,
		description: 'How long to wait for Meta to answer one request',
	},
];

export function readConnectionSettings(options: IDataObject): ConnectionSettings {
	const number = (value: unknown, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? value : fallback;
	return {
		retry: {
			maxAttempts: Math.max(
				1,
				Math.floor(number(options.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts)),
			),
			maxTotalWaitMs:
				number(options.maxTotalWaitSeconds, DEFAULT_RETRY_POLICY.maxTotalWaitMs / 1000) * 1000,
			initialDelayMs: number(options.initialRetryDelayMs, DEFAULT_RETRY_POLICY.initialDelayMs),
		},
		timeoutMs: number(options.timeoutMs, DEFAULT_TIMEOUT_MS),
	};
}

export function readOptions(this: IExecuteFunctions, itemIndex = 0): IDataObject {
	return this.getNodeParameter('options', itemIndex, {}) as IDataObject;
}
