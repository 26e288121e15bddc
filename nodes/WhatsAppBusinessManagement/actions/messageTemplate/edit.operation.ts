import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import type { ParameterFormat, TemplateCategory } from '../../helpers/templateComponents';
import { edges, graphApiRequest } from '../../transport';
import { messageTemplateFields, optionsCollection } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readTemplateId } from '../parameters';
import { readCategory, TEMPLATE_CATEGORIES } from './messageTemplate';
import {
	componentsInputField,
	contentFields,
	parameterFormatField,
	componentsToSend,
	readTemplateContent,
} from './templateContent';
import type { TemplateContent } from './templateContent';

const fields: INodeProperties[] = [
	...messageTemplateFields,
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Keep the Current Category', value: '' },
			...TEMPLATE_CATEGORIES.map(([name, value]) => ({ name, value })),
		],
		default: '',
		description:
			'A new category, or keep. Meta: an approved template can be edited once a day and 10 times in 30 days.',
	},
	parameterFormatField,
	componentsInputField(true),
	...contentFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['edit'] } },
	[...fields, optionsCollection()],
);

interface Edit {
	id: string;
	category?: TemplateCategory;
	content?: TemplateContent;
}

/**
 * Changes a template's content (Meta replaces every component) and/or its category; Meta then
 * reviews it again. Only what is set is sent.
 */
export const edit: Operation<Edit> = {
	description,

	prepare(context, itemIndex, _options, run) {
		const id = readTemplateId(context, itemIndex);
		const given = String(context.getNodeParameter('category', itemIndex, '')).trim();
		const category = given === '' ? undefined : readCategory(given);
		const keep = context.getNodeParameter('componentsInput', itemIndex, 'keep') === 'keep';
		if (keep && !category) {
			throw new InputError(
				'Nothing to change: pick a new Category, or Define Content Using Fields Below or JSON.',
			);
		}
		const parameterFormat = context.getNodeParameter(
			'parameterFormat',
			itemIndex,
			'POSITIONAL',
		) as ParameterFormat;
		const content = keep
			? undefined
			: readTemplateContent(context, itemIndex, {
					// Without a new category the content is checked as a Marketing or Utility one.
					category: category ?? 'UTILITY',
					parameterFormat,
					appId: run.credentialAppId,
				});
		return { id, category, content };
	},

	async run(context, connection, { id, category, content }) {
		const body: IDataObject = { ...(category ? { category } : {}) };
		if (content) body.components = await componentsToSend(context, connection, content);
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.node(id),
			body,
		});
		return { id, success: answer.success === true, updated: Object.keys(body), ...body };
	},
};
