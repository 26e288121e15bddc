import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executePerItem, prepareWith } from '../../helpers/executePerItem';
import { graphApiRequest } from '../../transport';
import {
	NUMBER_FIELDS,
	optionsField,
	readPreVerifiedNumberId,
	singleNumberFields,
	withExpiry,
} from './fields';

export const description: INodeProperties[] = [...singleNumberFields('get'), optionsField(['get'])];

/** Reads a pre-verified number: status, verification and expiry times, owner, days to expiry. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executePerItem.call(this, items, {
		prepare: (itemIndex) => prepareWith(() => readPreVerifiedNumberId.call(this, itemIndex)),
		run: async (connection, id: string) => {
			const { body } = await graphApiRequest.call(this, connection, {
				method: 'GET',
				path: [id],
				qs: { fields: NUMBER_FIELDS },
			});
			return withExpiry(body);
		},
	});
}
