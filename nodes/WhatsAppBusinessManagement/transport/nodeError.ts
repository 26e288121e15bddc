import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { InputError } from '../helpers/errors';
import { GraphApiError } from './GraphApiError';

/** Our two error kinds: an input problem found before any request, and Meta's answer (or none). */
export type ItemError = InputError | GraphApiError;

/** Anything thrown while reading parameters or calling Meta, as one of our two error kinds. */
export function asItemError(error: unknown): ItemError {
	if (error instanceof InputError || error instanceof GraphApiError) return error;
	// n8n's own parameter errors (a broken expression, a missing field) are input problems.
	return new InputError(error instanceof Error ? error.message : String(error));
}

/**
 * The n8n error for one of ours, as n8n shows it on the node: NodeApiError with Meta's fields
 * when Meta answered, NodeOperationError otherwise; the category in the description.
 */
export function toNodeError(
	node: INode,
	error: ItemError,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	const description = `Category: ${error.category}${error.retryable ? ' (retryable)' : ''}`;
	if (error.httpCode !== null) {
		return new NodeApiError(node, { error: error.toDetails() } as JsonObject, {
			message: error.message,
			description,
			httpCode: String(error.httpCode),
			itemIndex,
		});
	}
	return new NodeOperationError(node, error.message, { description, itemIndex });
}
