import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import type { TemplateCategory } from '../../helpers/templateComponents';
import { quoteInput } from '../../helpers/userInput';
import { TEMPLATE_LANGUAGES } from './languages';

// What Meta's template answers hold, as a workflow filters on them.

/** Meta's template statuses (its "Template review" page), for Get Many's filter. */
export const TEMPLATE_STATUSES: Array<[string, string]> = [
	['Approved', 'APPROVED'],
	['Archived', 'ARCHIVED'],
	['Deleted', 'DELETED'],
	['Disabled', 'DISABLED'],
	['In Appeal', 'IN_APPEAL'],
	['Limit Exceeded', 'LIMIT_EXCEEDED'],
	['Paused', 'PAUSED'],
	['Pending', 'PENDING'],
	['Pending Deletion', 'PENDING_DELETION'],
	['Rejected', 'REJECTED'],
];

export const TEMPLATE_CATEGORIES: Array<[string, string]> = [
	['Authentication', 'AUTHENTICATION'],
	['Marketing', 'MARKETING'],
	['Utility', 'UTILITY'],
];

export const TEMPLATE_QUALITIES: Array<[string, string]> = [
	['High (Green)', 'GREEN'],
	['Low (Red)', 'RED'],
	['Medium (Yellow)', 'YELLOW'],
	['Unknown', 'UNKNOWN'],
];

/** The Template Name field: a name is Meta's key for a template's languages. */
export function templateNameField(description: string): INodeProperties {
	return {
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_update',
		description,
	};
}

const LANGUAGE_CODES = new Set(TEMPLATE_LANGUAGES.map(([, code]) => code));

export function readLanguage(value: unknown): string {
	const language = String(value ?? '').trim();
	if (!LANGUAGE_CODES.has(language)) {
		throw new InputError(
			`Language ${quoteInput(language)} is not one of Meta's template languages: use its code, e.g. en_US, pt_BR or es.`,
		);
	}
	return language;
}

export function readCategory(value: unknown): TemplateCategory {
	const category = String(value ?? '')
		.trim()
		.toUpperCase();
	if (!TEMPLATE_CATEGORIES.some(([, known]) => known === category)) {
		throw new InputError(
			`Category ${quoteInput(String(value))} is not a template category: use MARKETING, UTILITY or AUTHENTICATION.`,
		);
	}
	return category as TemplateCategory;
}
