import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readHealthStatus } from '../helpers/healthStatus';
import { edges, graphApiRequest } from '../transport';
import { optionsCollection } from './common.descriptions';
import type { Operation } from './node.type';

/**
 * Get Health Status of a WABA or a phone number: can it send messages, and if not, which
 * entity of the chain (number, WABA, business, app) blocks or limits it, with Meta's reasons.
 */
export function getHealthStatusOperation(
	resource: string,
	idFields: INodeProperties[],
	readId: (context: IExecuteFunctions, itemIndex: number) => string,
): Operation<string> {
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resource], operation: ['getHealthStatus'] } },
			[...idFields, optionsCollection()],
		),
		prepare: readId,
		async run(context, connection, id) {
			const answer = await graphApiRequest.call(context, connection, {
				method: 'GET',
				path: edges.node(id),
				qs: { fields: 'id,health_status' },
			});
			return readHealthStatus(answer);
		},
	};
}
