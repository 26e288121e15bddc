import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import { graphApiRequest } from '../../transport';
import { optionsField, readPreVerifiedNumberId, singleNumberFields } from './fields';

export const description: INodeProperties[] = [
	...singleNumberFields('delete'),
	optionsField(['delete']),
];

/** Removes a pre-verified number from the pool. Meta cannot undo this. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(this, items, {
		prepare: (itemIndex) => prepareWith(() => readPreVerifiedNumberId.call(this, itemIndex)),
		run: async (connection, id: string) => {
			const { body } = await graphApiRequest.call(this, connection, {
				method: 'DELETE',
				path: [id],
			});
			return { id, deleted: body.success === true, success: body.success === true };
		},
	});
}
