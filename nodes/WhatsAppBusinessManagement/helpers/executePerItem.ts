import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readConnectionSettings, readOptions } from '../actions/common';
import { getGraphConnection, GraphApiError } from '../transport';
import type { ConnectionSettings, GraphConnection } from '../transport';
import { errorItem, toNodeError } from './itemResults';
import { mapWithConcurrency } from './mapWithConcurrency';

/** An item's checked input, or why it cannot be sent; `details` go into its error item. */
export type Prepared<P> =
	| { ok: true; value: P; details?: IDataObject }
	| { ok: false; error: GraphApiError; details?: IDataObject };

export interface PerItemOperation<P> {
	/** Reads and checks one item's parameters. Runs for every item before any request. */
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared<P>;
	/** Calls Meta for one item; returns its output (several objects give several items). */
	run(
		this: IExecuteFunctions,
		connection: GraphConnection,
		value: P,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/** Retry and timeout settings; by default, those of the node's Options. */
	settings?: ConnectionSettings;
	concurrency?: number;
}

/** Wraps a thrown value so that `prepare` functions can simply throw. */
export function prepareWith<P>(read: () => P, details?: IDataObject): Prepared<P> {
	try {
		return { ok: true, value: read(), details };
	} catch (error) {
		return { ok: false, error: GraphApiError.from(error), details };
	}
}

/**
 * The run shared by every operation: check every item first (so a bad row stops a run that
 * does not continue on fail before anything changes at Meta), then call Meta per item. Each
 * input item comes out once or more on success, or once as an error item, with pairedItem.
 */
export async function executePerItem<P>(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: PerItemOperation<P>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const prepared = items.map((_, itemIndex) => operation.prepare.call(this, itemIndex));
	if (!continueOnFail) {
		const firstBad = prepared.findIndex((p) => !p.ok);
		if (firstBad !== -1) {
			throw toNodeError.call(
				this,
				(prepared[firstBad] as { error: GraphApiError }).error,
				firstBad,
			);
		}
	}

	let connection: GraphConnection | undefined;
	let connectionError: GraphApiError | undefined;
	if (prepared.some((p) => p.ok)) {
		try {
			const settings = operation.settings ?? readConnectionSettings(readOptions.call(this));
			connection = await getGraphConnection.call(this, settings);
		} catch (error) {
			connectionError = GraphApiError.from(error);
			if (!continueOnFail) throw toNodeError.call(this, connectionError, 0);
		}
	}

	const outputs = await mapWithConcurrency(
		prepared,
		operation.concurrency ?? 1,
		async (preparation, itemIndex): Promise<INodeExecutionData[]> => {
			if (!preparation.ok) return [errorItem(preparation.error, itemIndex, preparation.details)];
			if (!connection) {
				return [errorItem(connectionError as GraphApiError, itemIndex, preparation.details)];
			}
			try {
				const result = await operation.run.call(this, connection, preparation.value, itemIndex);
				const list = Array.isArray(result) ? result : [result];
				return list.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (caught) {
				const error = GraphApiError.from(caught);
				if (!continueOnFail) throw toNodeError.call(this, error, itemIndex);
				return [errorItem(error, itemIndex, preparation.details)];
			}
		},
	);
	return outputs.flat();
}
