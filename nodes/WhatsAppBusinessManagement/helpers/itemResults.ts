import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { GraphApiError } from '../transport/GraphApiError';

/** What an error item says about the number it was given. */
export interface PhoneNumberContext extends IDataObject {
	input: string | number | null;
	normalized: string | null;
}

const MAX_ECHO_LENGTH = 100;

/** The input as it may be echoed back: short text or a number; never an object or a 1 MB string. */
export function echoInput(value: unknown): string | number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		return value.length > MAX_ECHO_LENGTH ? `${value.slice(0, MAX_ECHO_LENGTH)}…` : value;
	}
	return null;
}

export function validationError(message: string): GraphApiError {
	return new GraphApiError({ message, category: 'validation', retryable: false });
}

/**
 * An item for n8n's error branch: only `error` and `details`, so the engine routes it there.
 * `extra` adds what the operation knows about the item, e.g. `phone_number`.
 */
export function errorItem(
	error: GraphApiError,
	itemIndex: number,
	extra?: IDataObject,
): INodeExecutionData {
	const details: IDataObject = { ...error.toDetails(), ...extra };
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/** The error to throw when the node is not set to continue on fail. */
export function toNodeError(
	this: IExecuteFunctions,
	error: GraphApiError,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const description = `Category: ${error.category}${error.retryable ? ' (retryable)' : ''}`;
	if (error.httpCode !== null) {
		return new NodeApiError(this.getNode(), { error: error.toDetails() } as JsonObject, {
			message: error.message,
			description,
			httpCode: String(error.httpCode),
			itemIndex,
		});
	}
	return new NodeOperationError(this.getNode(), error.message, { description, itemIndex });
}
