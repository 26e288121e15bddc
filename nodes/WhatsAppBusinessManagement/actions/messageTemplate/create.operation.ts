import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { checkTemplateName } from '../../helpers/templateComponents';
import type { ParameterFormat, TemplateCategory } from '../../helpers/templateComponents';
import { echoInput } from '../../helpers/userInput';
import { edges, graphApiRequest, graphApiRequestAllItems } from '../../transport';
import type { GraphConnection } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { TEMPLATE_LANGUAGES } from './languages';
import {
	readCategory,
	readLanguage,
	TEMPLATE_CATEGORIES,
	templateNameField,
} from './messageTemplate';
import {
	componentsInputField,
	contentFields,
	parameterFormatField,
	componentsToSend,
	readTemplateContent,
} from './templateContent';
import type { TemplateContent } from './templateContent';

const fields: INodeProperties[] = [
	...wabaFields,
	templateNameField('Lowercase letters, digits and underscores, at most 512 characters'),
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: TEMPLATE_LANGUAGES.map(([name, value]) => ({ name, value })),
		default: 'en_US',
		description: "The template's language; a name can have one template per language",
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: TEMPLATE_CATEGORIES.map(([name, value]) => ({ name, value })),
		default: 'UTILITY',
		description:
			'Marketing (offers, news), Utility (about an order or account) or Authentication (one-time passwords)',
	},
	parameterFormatField,
	componentsInputField(false),
	...contentFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['create'] } },
	[...fields, optionsCollection()],
);

interface Creation extends TemplateContent {
	wabaId: string;
	name: string;
	language: string;
	category: TemplateCategory;
	parameterFormat: ParameterFormat;
}

/** The template of this name and language in the WABA, if there is one. */
async function findTemplate(
	context: Parameters<Operation['run']>[0],
	connection: GraphConnection,
	wabaId: string,
	name: string,
	language: string,
) {
	const templates = await graphApiRequestAllItems.call(context, connection, {
		method: 'GET',
		path: edges.messageTemplates(wabaId),
		qs: { fields: 'id,name,language,status,category', name, language },
	});
	return templates.find((t) => t.name === name && t.language === language);
}

/**
 * Creates a template for Meta to review; it is PENDING until Meta approves or rejects it (the
 * trigger's Template Status Changed tells when). A media header's example is uploaded first.
 */
export const create: Operation<Creation> = {
	description,

	prepare(context, itemIndex, _options, run) {
		const category = readCategory(context.getNodeParameter('category', itemIndex));
		const parameterFormat = context.getNodeParameter(
			'parameterFormat',
			itemIndex,
			'POSITIONAL',
		) as ParameterFormat;
		return {
			wabaId: readWabaId(context, itemIndex),
			name: checkTemplateName(String(context.getNodeParameter('templateName', itemIndex)).trim()),
			language: readLanguage(context.getNodeParameter('language', itemIndex)),
			category,
			parameterFormat,
			...readTemplateContent(context, itemIndex, {
				category,
				parameterFormat,
				appId: run.credentialAppId,
			}),
		};
	},

	async run(context, connection, creation) {
		const { wabaId, name, language, category, parameterFormat } = creation;
		const components = await componentsToSend(context, connection, creation);
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.messageTemplates(wabaId),
			body: {
				name,
				language,
				category,
				...(category === 'AUTHENTICATION' ? {} : { parameter_format: parameterFormat }),
				components,
			},
			// Meta keeps one template per name and language: after a lost answer, the template
			// found by both is the one the first attempt created.
			findApplied: async () => await findTemplate(context, connection, wabaId, name, language),
		});
		return {
			id: answer.id,
			status: answer.status ?? null,
			category: answer.category ?? category,
			name,
			language,
			waba_id: wabaId,
		};
	},

	errorContext(context, itemIndex) {
		return { name: echoInput(context.getNodeParameter('templateName', itemIndex, '')) };
	},
};
