import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/mapWithConcurrency';
import { asItemError, getGraphConnection, toNodeError } from '../transport';
import type { GraphConnection, ItemError } from '../transport';
import type { Operation, OperationMap, WhatsAppBusinessManagementMap } from './node.type';
import * as creditLine from './creditLine';
import * as messageTemplate from './messageTemplate';
import { isItemWithFile } from './output';
import type { ItemWithFile } from './output';
import { readItemOptions, readRunSettings } from './parameters';
import * as phoneNumber from './phoneNumber';
import * as preVerifiedNumber from './preVerifiedNumber';
import * as qrCode from './qrCode';
import * as whatsAppBusinessAccount from './whatsAppBusinessAccount';

const operations: OperationMap = {
	preVerifiedNumber: preVerifiedNumber.operations,
	phoneNumber: phoneNumber.operations,
	whatsAppBusinessAccount: whatsAppBusinessAccount.operations,
	qrCode: qrCode.operations,
	messageTemplate: messageTemplate.operations,
	creditLine: creditLine.operations,
};

type Prepared<P> = { ok: true; value: P } | { ok: false; error: ItemError };

/**
 * Runs the picked operation over every input item. Every item is checked before the first
 * request, so a bad row stops a run that does not continue on fail before anything changes at
 * Meta. Each input item then comes out once or more on success, or once as an error item, always
 * with pairedItem.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as keyof WhatsAppBusinessManagementMap;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = (operations[resource] as Record<string, Operation> | undefined)?.[
		operationName
	];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const node = this.getNode();
	// Run settings are read once; every other value is read for its own item, by its prepare.
	const run = await readRunSettings(this);
	const continueOnFail = this.continueOnFail();
	// n8n 1.x moves an item to the error output only when it has `error`; n8n 2.x also by its
	// json, and replaces the json of any item that keeps `error` after routing. Non-enumerable,
	// the error routes the item in both and is dropped when n8n copies the item to that output.
	const withItemError = node.onError === 'continueErrorOutput';

	const prepared = items.map((_, itemIndex): Prepared<unknown> => {
		try {
			const options = readItemOptions(this, itemIndex);
			return { ok: true, value: operation.prepare(this, itemIndex, options, run) };
		} catch (error) {
			return { ok: false, error: asItemError(error) };
		}
	});
	if (!continueOnFail) {
		const firstBad = prepared.findIndex((p) => !p.ok);
		if (firstBad !== -1) {
			throw toNodeError(node, (prepared[firstBad] as { error: ItemError }).error, firstBad);
		}
	}

	const errorItem = (error: ItemError, itemIndex: number, value?: unknown) => {
		const details: IDataObject = {
			...error.toDetails(),
			...operation.errorContext?.(this, itemIndex, value),
		};
		const item: INodeExecutionData = {
			json: { error: error.message, details },
			pairedItem: { item: itemIndex },
		};
		if (withItemError) {
			Object.defineProperty(item, 'error', {
				value: toNodeError(node, error, itemIndex),
				enumerable: false,
			});
		}
		return item;
	};
	const success = (output: IDataObject | ItemWithFile, itemIndex: number): INodeExecutionData =>
		isItemWithFile(output)
			? { json: output.json, binary: output.binary, pairedItem: { item: itemIndex } }
			: { json: output, pairedItem: { item: itemIndex } };

	const preview = run.validateOnly ? operation.preview : undefined;
	if (preview) {
		return [
			prepared.map((p, itemIndex) =>
				p.ok ? success(preview(p.value), itemIndex) : errorItem(p.error, itemIndex),
			),
		];
	}

	const settings = run.connection;
	let connection: GraphConnection | undefined;
	let connectionError: ItemError | undefined;
	if (prepared.some((p) => p.ok)) {
		try {
			connection = await getGraphConnection.call(this, settings);
		} catch (error) {
			connectionError = asItemError(error);
			if (!continueOnFail) throw toNodeError(node, connectionError, 0);
		}
	}

	const outputs = await mapWithConcurrency(
		prepared,
		settings.requestsInFlight ?? 1,
		async (p, itemIndex): Promise<INodeExecutionData[]> => {
			if (!p.ok) return [errorItem(p.error, itemIndex)];
			if (!connection) return [errorItem(connectionError as ItemError, itemIndex, p.value)];
			try {
				const result = await operation.run(this, connection, p.value);
				return (Array.isArray(result) ? result : [result]).map((output) =>
					success(output, itemIndex),
				);
			} catch (caught) {
				const error = asItemError(caught);
				if (!continueOnFail) throw toNodeError(node, error, itemIndex);
				return [errorItem(error, itemIndex, p.value)];
			}
		},
	);
	return [outputs.flat()];
}
