import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { withPlainQuality } from '../../helpers/templateView';
import { edges, graphApiRequestAllItems } from '../../transport';
import type { GraphRequest } from '../../transport';
import { optionsCollection, returnAllFields, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readLimit, readWabaId } from '../parameters';
import { TEMPLATE_CATEGORIES, TEMPLATE_QUALITIES, TEMPLATE_STATUSES } from './messageTemplate';

const options = (list: Array<[string, string]>) => list.map(([name, value]) => ({ name, value }));

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: [
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			options: options(TEMPLATE_CATEGORIES),
			default: 'MARKETING',
		},
		{
			displayName: 'Language',
			name: 'language',
			type: 'string',
			default: '',
			placeholder: 'en_US',
			description: "Meta's language code of the template, e.g. en_US or pt_BR",
		},
		{
			displayName: 'Name Contains',
			name: 'name',
			type: 'string',
			default: '',
			description: 'Only templates whose name holds this text',
		},
		{
			displayName: 'Quality',
			name: 'quality',
			type: 'options',
			options: options(TEMPLATE_QUALITIES),
			default: 'GREEN',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: options(TEMPLATE_STATUSES),
			default: 'APPROVED',
		},
	],
};

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['getMany'] } },
	[...wabaFields, ...returnAllFields, filters, optionsCollection()],
);

/** Lists the WABA's templates (every language), filtered as Meta filters, one item each. */
export const getMany: Operation<{ request: GraphRequest; limit: number }> = {
	description,

	prepare(context, itemIndex) {
		const wabaId = readWabaId(context, itemIndex);
		const given = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const qs: IDataObject = { fields: edges.TEMPLATE_FIELDS };
		for (const [field, param] of [
			['name', 'name'],
			['status', 'status'],
			['category', 'category'],
			['language', 'language'],
			['quality', 'quality_score'],
		]) {
			const value = typeof given[field] === 'string' ? given[field].trim() : '';
			if (value !== '') qs[param] = value;
		}
		return {
			request: { method: 'GET', path: edges.messageTemplates(wabaId), qs },
			limit: readLimit(context, itemIndex),
		};
	},

	async run(context, connection, { request, limit }) {
		const templates = await graphApiRequestAllItems.call(context, connection, request, { limit });
		return templates.map(withPlainQuality);
	},
};
