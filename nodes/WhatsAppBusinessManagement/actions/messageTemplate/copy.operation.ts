import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';

/** Meta migrates templates in sets of at most 500 (its page "Template migration"). */
export const MIGRATION_PAGE_SIZE = 500;

const fields: INodeProperties[] = [
	...wabaFields.map((field) => ({
		...field,
		displayName: 'Destination WhatsApp Business Account',
		description: 'The WABA that receives the copies',
	})),
	{
		displayName: 'Source WhatsApp Business Account ID',
		name: 'sourceWabaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2345678901234567',
		description:
			'The WABA whose templates are copied; of the same business. Meta copies only APPROVED templates of quality High or Unknown.',
	},
	{
		displayName: 'Template IDs',
		name: 'templateIds',
		type: 'string',
		default: '',
		placeholder: '1234567890123456, 2345678901234567',
		description:
			'Only these templates of the source (IDs, separated by commas), e.g. those that failed before. Empty copies every one.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['messageTemplate'], operation: ['copy'] } },
	[...fields, optionsCollection()],
);

interface Copy {
	destination: string;
	source: string;
	templateIds: string[];
}

function readIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	const ids = list.map((id) => id.trim()).filter((id) => id !== '');
	for (const id of ids) {
		if (!/^[0-9]+$/.test(id)) {
			throw new InputError(
				`Template IDs: ${quoteInput(id)} is not a template ID; use the digits of each ID, separated by commas.`,
			);
		}
	}
	return [...new Set(ids)];
}

/**
 * Meta's answer as one entry per template: `migrated_templates` (IDs, or objects with one) and
 * `failed_templates` (a map of ID to reason, or a list of objects), whichever Meta sends.
 */
function results(answer: IDataObject): IDataObject[] {
	const idOf = (entry: unknown) =>
		typeof entry === 'object' && entry !== null
			? String((entry as IDataObject).id ?? (entry as IDataObject).template_id ?? '')
			: String(entry);
	const migrated = Array.isArray(answer.migrated_templates) ? answer.migrated_templates : [];
	const failed = answer.failed_templates;
	const failures: Array<[string, unknown]> = Array.isArray(failed)
		? failed.map((entry) => [
				idOf(entry),
				(entry as IDataObject)?.reason ?? (entry as IDataObject)?.message,
			])
		: Object.entries((failed ?? {}) as IDataObject);
	return [
		...migrated.map((entry) => ({
			source_template_id: idOf(entry),
			migrated: true,
			reason: null,
		})),
		...failures.map(([id, reason]) => ({
			source_template_id: id,
			migrated: false,
			reason: typeof reason === 'string' ? reason : JSON.stringify(reason ?? null),
		})),
	];
}

/**
 * Copies templates from another WABA of the same business: every set of 500 in turn (or the
 * given IDs, 500 a request). One output item per template, migrated or failed with Meta's reason;
 * Meta reviews each copy again, so they start PENDING.
 */
export const copy: Operation<Copy> = {
	description,

	prepare(context, itemIndex) {
		const destination = readWabaId(context, itemIndex);
		const source = String(context.getNodeParameter('sourceWabaId', itemIndex, '')).trim();
		if (!/^[0-9]+$/.test(source)) {
			throw new InputError(
				`Source WhatsApp Business Account ID ${quoteInput(source)} is not valid: use the digits of the WABA's ID.`,
			);
		}
		if (source === destination) {
			throw new InputError(
				'The source and destination WABA are the same: copy from another WABA of the business.',
			);
		}
		return {
			destination,
			source,
			templateIds: readIds(context.getNodeParameter('templateIds', itemIndex, '')),
		};
	},

	async run(context, connection, { destination, source, templateIds }) {
		const request = (body: IDataObject) =>
			graphApiRequest.call(context, connection, {
				method: 'POST',
				path: edges.migrateMessageTemplates(destination),
				body: { source_waba_id: source, ...body },
			});
		const found: IDataObject[] = [];
		if (templateIds.length > 0) {
			for (let start = 0; start < templateIds.length; start += MIGRATION_PAGE_SIZE) {
				const ids = templateIds.slice(start, start + MIGRATION_PAGE_SIZE);
				found.push(...results(await request({ template_ids: ids })));
			}
		} else {
			// A set shorter than 500 is the last one.
			for (let page = 0; ; page++) {
				const set = results(await request({ page_number: page, count: MIGRATION_PAGE_SIZE }));
				found.push(...set);
				if (set.length < MIGRATION_PAGE_SIZE) break;
			}
		}
		const base = { destination_waba_id: destination, source_waba_id: source };
		if (found.length === 0)
			return {
				...base,
				source_template_id: null,
				migrated: false,
				reason: 'The source WABA has no template to copy.',
			};
		return found.map((entry) => ({ ...base, ...entry }));
	},
};
