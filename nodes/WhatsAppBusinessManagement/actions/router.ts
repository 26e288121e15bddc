import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as preVerifiedNumber from './preVerifiedNumber';

type Operation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	preVerifiedNumber: {
		add: preVerifiedNumber.add.execute,
		delete: preVerifiedNumber.deleteNumber.execute,
		get: preVerifiedNumber.get.execute,
		getMany: preVerifiedNumber.getMany.execute,
		requestCode: preVerifiedNumber.requestCode.execute,
		verifyCode: preVerifiedNumber.verifyCode.execute,
	},
};

/** Sends the run to the operation the user picked. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await run.call(this, items)];
}
