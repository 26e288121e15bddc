import { updateDisplayOptions } from 'n8n-workflow';

import { edges, graphApiRequest } from '../../transport';
import { messageTemplateFields, optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readTemplateId } from '../parameters';
import { withPlainQuality } from '../../helpers/templateView';

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['get'] } },
	[...messageTemplateFields, optionsCollection()],
);

/** Reads a template: name, language, status (and why it was rejected), category, quality, content. */
export const get: Operation<string> = {
	description,
	prepare: readTemplateId,
	async run(context, connection, id) {
		const template = await graphApiRequest.call(context, connection, {
			method: 'GET',
			path: edges.node(id),
			qs: { fields: edges.TEMPLATE_FIELDS },
		});
		return withPlainQuality(template);
	},
};
