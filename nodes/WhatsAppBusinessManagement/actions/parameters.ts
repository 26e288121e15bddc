import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { quoteInput } from '../helpers/userInput';
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from '../transport';
import type { ConnectionSettings } from '../transport';

const DIGITS = /^[0-9]+$/;

/** Meta's IDs are digits; checked because each becomes a URL segment. */
function toId(value: unknown): string | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	return typeof text === 'string' && DIGITS.test(text.trim()) ? text.trim() : undefined;
}

/** The item's Business ID, checked. */
export function readBusinessId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('businessId', itemIndex, '') as unknown;
	const id = toId(value);
	if (id !== undefined) return id;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new InputError('Business ID is empty. Enter the business portfolio ID (digits only).');
	}
	throw new InputError(
		`Business ID ${quoteInput(text)} is not valid: use only the digits 0-9, e.g. 1234567890123456.`,
	);
}

/** The ID in a resource locator field (From List or By ID), checked. */
export function readLocatorId(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = toId(value);
	if (id !== undefined) return id;
	throw new InputError(
		`${label} ID ${quoteInput(String(value ?? ''))} is not valid: use the digits of the ID, e.g. 1234567890123456.`,
	);
}

/** Retries and timeout from the node's Options, with the transport's defaults. */
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

/** The item's pre-verified number, from its resource locator, checked. */
export function readPreVerifiedNumberId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, itemIndex, 'preVerifiedNumberId', 'Pre-verified number');
}
