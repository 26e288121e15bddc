import { updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { checkTemplateName } from '../../helpers/templateComponents';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { templateNameField } from './messageTemplate';
import { readWabaId } from '../parameters';

const fields: INodeProperties[] = [
	...wabaFields,
	templateNameField(
		'The name of the template to delete: every language of it, unless Template ID is set',
	),
	{
		displayName: 'Template ID',
		name: 'hsmId',
		type: 'string',
		default: '',
		placeholder: '1234567890123456',
		description: 'Only this language of the template (its ID); empty deletes every language',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['delete'] } },
	[...fields, optionsCollection()],
);

interface Prepared {
	wabaId: string;
	name: string;
	hsmId?: string;
}

/**
 * Deletes a template by name (every language) or one language by name and ID. Meta cannot
 * undo it, and the name cannot be used again for 30 days.
 */
export const deleteTemplate: Operation<Prepared> = {
	description,

	prepare(context, itemIndex) {
		const wabaId = readWabaId(context, itemIndex);
		const name = checkTemplateName(
			String(context.getNodeParameter('templateName', itemIndex, '')).trim(),
		);
		const hsmId = String(context.getNodeParameter('hsmId', itemIndex, '')).trim();
		if (hsmId !== '' && !/^[0-9]+$/.test(hsmId)) {
			throw new InputError(
				`Template ID ${quoteInput(hsmId)} is not valid: use the digits of the template's ID, or leave it empty for every language.`,
			);
		}
		return { wabaId, name, ...(hsmId ? { hsmId } : {}) };
	},

	async run(context, connection, { wabaId, name, hsmId }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'DELETE',
			path: edges.messageTemplates(wabaId),
			qs: { name, ...(hsmId ? { hsm_id: hsmId } : {}) },
		});
		return {
			waba_id: wabaId,
			name,
			template_id: hsmId ?? null,
			languages: hsmId ? 'one' : 'all',
			deleted: answer.success === true,
			success: answer.success === true,
		};
	},
};
