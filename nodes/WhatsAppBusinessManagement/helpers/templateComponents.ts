import { InputError } from './errors';
import { normalizePhoneNumber } from './normalizePhoneNumber';
import { checkCount, checkLength } from './textLimits';
import { quoteInput } from './userInput';

// A message template's components as Meta takes them, built from the node's fields and checked
// against Meta's limits before any request. The limits are those of Meta's pages "Template
// components" (updated 2026-06-24), "Authentication templates" and "Template management" (see
// docs/meta-limits.md): the same checks run on components typed as JSON.

export type TemplateCategory = 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
export type ParameterFormat = 'POSITIONAL' | 'NAMED';
export type Component = Record<string, unknown>;

/** Template names: lowercase letters, digits and underscores, at most 512 characters. */
export const TEMPLATE_NAME = /^[a-z0-9_]+$/;
export const LIMITS = {
	name: 512,
	headerText: 60,
	bodyText: 1024,
	footerText: 60,
	buttons: 10,
	urlButtons: 2,
	phoneNumberButtons: 1,
	copyCodeButtons: 1,
	buttonText: 25,
	url: 2000,
	phoneNumber: 20,
	/** Meta's "Template components" page of 2026-06-24; an older copy said 15. */
	copyCodeExample: 20,
	/** An authentication template's copy-code or one-tap autofill button label. */
	otpButtonText: 25,
	codeExpiryMinutes: [1, 90],
} as const;

/** A template's media header example, by type: what Meta takes (Resumable Upload types, sizes). */
export const HEADER_MEDIA: Record<string, { types: string[]; maxBytes: number }> = {
	IMAGE: { types: ['image/jpeg', 'image/png'], maxBytes: 5 * 1_048_576 },
	VIDEO: { types: ['video/mp4'], maxBytes: 16 * 1_048_576 },
	DOCUMENT: { types: ['application/pdf'], maxBytes: 100 * 1_048_576 },
};

export function checkTemplateName(name: string): string {
	checkLength('Template Name', name, LIMITS.name, 1);
	if (!TEMPLATE_NAME.test(name)) {
		throw new InputError(
			`Template Name ${quoteInput(name)} is not a template name: use lowercase letters, digits and underscores, e.g. order_update.`,
		);
	}
	return name;
}

/** The variables a text holds, `{{1}}` or `{{first_name}}`, in order of first use. */
export function variablesOf(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
		if (!found.includes(match[1])) found.push(match[1]);
	}
	return found;
}

/**
 * A text's variables against the template's parameter format: positional ones numbered 1, 2, …
 * without gaps; named ones lowercase letters, digits and underscores.
 */
function checkVariables(label: string, text: string, format: ParameterFormat): string[] {
	const variables = variablesOf(text);
	for (const variable of variables) {
		const ok =
			format === 'POSITIONAL'
				? /^[1-9][0-9]*$/.test(variable)
				: /^[a-z_][a-z0-9_]*$/.test(variable);
		if (!ok) {
			throw new InputError(
				format === 'POSITIONAL'
					? `${label} has the variable {{${variable}}}: with Parameter Format Positional, variables are numbers, {{1}}, {{2}}, … (or set Parameter Format to Named).`
					: `${label} has the variable {{${variable}}}: named variables use lowercase letters, digits and underscores, e.g. {{first_name}}.`,
			);
		}
	}
	if (format === 'POSITIONAL') {
		const numbers = variables.map(Number).sort((a, b) => a - b);
		numbers.forEach((n, index) => {
			if (n !== index + 1) {
				throw new InputError(
					`${label} numbers its variables ${numbers.map((v) => `{{${v}}}`).join(', ')}: Meta needs them numbered from {{1}} without gaps; {{${index + 1}}} is missing.`,
				);
			}
		});
	}
	return variables;
}

type Examples = Record<string, string>;

/** The example of each variable, as Meta takes it for the format, or an error naming the missing one. */
function examplesFor(
	label: string,
	variables: string[],
	examples: Examples,
	format: ParameterFormat,
	field: { positional: string; named: string; nested: boolean },
): Record<string, unknown> | undefined {
	if (variables.length === 0) return undefined;
	const ordered = format === 'POSITIONAL' ? [...variables].sort((a, b) => +a - +b) : variables;
	const values = ordered.map((variable) => {
		const value = examples[variable];
		if (value === undefined || value.trim() === '') {
			throw new InputError(
				`${label} has the variable {{${variable}}} but no example for it: Meta reviews a template with an example of each variable. Add it in ${label === 'Header' ? 'Header Example' : 'Body Examples'}.`,
			);
		}
		return value;
	});
	if (format === 'NAMED') {
		return {
			[field.named]: ordered.map((param_name, i) => ({ param_name, example: values[i] })),
		};
	}
	return { [field.positional]: field.nested ? [values] : values };
}

export type ButtonForm =
	| { type: 'QUICK_REPLY'; text: string }
	| { type: 'URL'; text: string; url: string; example?: string }
	| { type: 'PHONE_NUMBER'; text: string; phoneNumber: string; defaultCountry?: string }
	| { type: 'COPY_CODE'; example: string };

/** What the node's fields hold, one template's worth. */
export interface TemplateForm {
	category: TemplateCategory;
	parameterFormat: ParameterFormat;
	header:
		| { format: 'NONE' | 'LOCATION' }
		| { format: 'TEXT'; text: string; example?: string }
		| { format: 'IMAGE' | 'VIDEO' | 'DOCUMENT'; handle: string };
	body: { text: string; examples: Examples };
	footer: string;
	buttons: ButtonForm[];
	authentication: {
		securityRecommendation: boolean;
		codeExpiryMinutes?: number;
		buttonText: string;
	};
}

/** Meta's components for the form's template, checked as any components are. */
export function buildComponents(form: TemplateForm): Component[] {
	if (form.category === 'AUTHENTICATION') return authenticationComponents(form.authentication);
	const components: Component[] = [];
	const { header } = form;
	if (header.format === 'TEXT') {
		const variables = checkVariables('Header Text', header.text, form.parameterFormat);
		if (variables.length > 1) {
			throw new InputError(`Header Text has ${variables.length} variables; Meta allows at most 1.`);
		}
		const example = examplesFor(
			'Header',
			variables,
			variables.length === 1 ? { [variables[0]]: header.example ?? '' } : {},
			form.parameterFormat,
			{ positional: 'header_text', named: 'header_text_named_params', nested: false },
		);
		components.push({
			type: 'HEADER',
			format: 'TEXT',
			text: header.text,
			...(example && { example }),
		});
	} else if (header.format === 'LOCATION') {
		components.push({ type: 'HEADER', format: 'LOCATION' });
	} else if ('handle' in header) {
		components.push({
			type: 'HEADER',
			format: header.format,
			example: { header_handle: [header.handle] },
		});
	}
	const variables = checkVariables('Body', form.body.text, form.parameterFormat);
	const example = examplesFor('Body', variables, form.body.examples, form.parameterFormat, {
		positional: 'body_text',
		named: 'body_text_named_params',
		nested: true,
	});
	components.push({ type: 'BODY', text: form.body.text, ...(example && { example }) });
	if (form.footer !== '') components.push({ type: 'FOOTER', text: form.footer });
	if (form.buttons.length > 0) {
		components.push({ type: 'BUTTONS', buttons: form.buttons.map(toButton) });
	}
	checkComponents(components, form);
	return components;
}

function toButton(button: ButtonForm, index: number): Component {
	const label = `Button ${index + 1}`;
	switch (button.type) {
		case 'URL': {
			const variables = variablesOf(button.url);
			return {
				type: 'URL',
				text: button.text,
				url: button.url,
				...(variables.length > 0 && button.example ? { example: [button.example] } : {}),
			};
		}
		case 'PHONE_NUMBER': {
			const phone = normalizePhoneNumber(button.phoneNumber, button.defaultCountry);
			if (!phone.ok) throw new InputError(`${label} (Phone Number): ${phone.message}`);
			return { type: 'PHONE_NUMBER', text: button.text, phone_number: phone.e164 };
		}
		case 'COPY_CODE':
			return { type: 'COPY_CODE', example: button.example };
		default:
			return { type: 'QUICK_REPLY', text: button.text };
	}
}

function authenticationComponents(auth: TemplateForm['authentication']): Component[] {
	checkLength('Copy Code Button Text', auth.buttonText, LIMITS.otpButtonText);
	const components: Component[] = [
		{ type: 'BODY', add_security_recommendation: auth.securityRecommendation },
	];
	if (auth.codeExpiryMinutes !== undefined) {
		components.push({ type: 'FOOTER', code_expiration_minutes: auth.codeExpiryMinutes });
	}
	components.push({
		type: 'BUTTONS',
		buttons: [
			{ type: 'OTP', otp_type: 'COPY_CODE', ...(auth.buttonText && { text: auth.buttonText }) },
		],
	});
	checkComponents(components, { category: 'AUTHENTICATION', parameterFormat: 'POSITIONAL' });
	return components;
}

const text = (component: Component, key = 'text') =>
	typeof component[key] === 'string' ? (component[key] as string) : '';

/**
 * Meta's limits on a template's components, whether built from the fields or typed as JSON.
 * What the node's fields do not cover (carousel, limited-time offer, flows) passes to Meta as is.
 */
export function checkComponents(
	components: unknown,
	template: { category: TemplateCategory; parameterFormat: ParameterFormat },
): Component[] {
	if (!Array.isArray(components) || components.length === 0) {
		throw new InputError(
			'Components must be a JSON array of components, e.g. [{"type": "BODY", "text": "Hello {{1}}", "example": {"body_text": [["Mark"]]}}].',
		);
	}
	const byType = new Map<string, Component[]>();
	for (const component of components as unknown[]) {
		if (typeof component !== 'object' || component === null || Array.isArray(component)) {
			throw new InputError('Each entry of Components must be an object with a "type".');
		}
		const type = String((component as Component).type ?? '').toUpperCase();
		if (type === '')
			throw new InputError('A component has no "type" (HEADER, BODY, FOOTER, BUTTONS, …).');
		byType.set(type, [...(byType.get(type) ?? []), component as Component]);
	}
	for (const type of ['HEADER', 'BODY', 'FOOTER', 'BUTTONS']) {
		if ((byType.get(type)?.length ?? 0) > 1) {
			throw new InputError(
				`A template has at most one ${type} component; this one has ${byType.get(type)?.length}.`,
			);
		}
	}
	const [header] = byType.get('HEADER') ?? [];
	const [body] = byType.get('BODY') ?? [];
	const [footer] = byType.get('FOOTER') ?? [];
	const [buttons] = byType.get('BUTTONS') ?? [];
	if (!body) throw new InputError('A template needs a BODY component: add the body text.');
	const format = template.parameterFormat;
	if (template.category === 'AUTHENTICATION') {
		if (header)
			throw new InputError('Authentication templates have no header (Meta sets their text).');
		const minutes = footer?.code_expiration_minutes;
		const [min, max] = LIMITS.codeExpiryMinutes;
		if (
			minutes !== undefined &&
			!(
				typeof minutes === 'number' &&
				Number.isInteger(minutes) &&
				minutes >= min &&
				minutes <= max
			)
		) {
			throw new InputError(
				`Code Expiry (Minutes) is ${String(minutes)}: Meta allows ${min} to ${max} minutes.`,
			);
		}
	} else {
		if (header && String(header.format ?? '').toUpperCase() === 'TEXT') {
			checkLength('Header Text', text(header), LIMITS.headerText, 1);
			const variables = checkVariables('Header Text', text(header), format);
			if (variables.length > 1) {
				throw new InputError(
					`Header Text has ${variables.length} variables; Meta allows at most 1.`,
				);
			}
			checkExamplesGiven('Header', variables, header);
		}
		checkLength('Body', text(body), LIMITS.bodyText, 1);
		checkExamplesGiven('Body', checkVariables('Body', text(body), format), body);
		if (footer) checkFooter(text(footer));
	}
	if (buttons) checkButtons(buttons.buttons);
	return components as Component[];
}

/** A footer is plain text: Meta takes no variable there (its "Template components" page). */
function checkFooter(footer: string): void {
	checkLength('Footer', footer, LIMITS.footerText, 1);
	const [variable] = variablesOf(footer);
	if (variable !== undefined) {
		throw new InputError(
			`Footer has the variable {{${variable}}}: Meta's footers are plain text, without variables. Remove it, or move it to the Body.`,
		);
	}
}

function checkExamplesGiven(label: string, variables: string[], component: Component): void {
	if (variables.length === 0) return;
	const example = component.example as Record<string, unknown> | undefined;
	if (!example || Object.keys(example).length === 0) {
		throw new InputError(
			`${label} has variables (${variables.map((v) => `{{${v}}}`).join(', ')}) but no example: Meta reviews a template with an example of each.`,
		);
	}
}

function checkButtons(list: unknown): void {
	if (!Array.isArray(list) || list.length === 0) {
		throw new InputError('The BUTTONS component needs a list of buttons, or no BUTTONS component.');
	}
	checkCount('Buttons', list.length, LIMITS.buttons);
	const count = (type: string) =>
		list.filter((b) => String((b as Component)?.type ?? '').toUpperCase() === type).length;
	checkCount('URL buttons', count('URL'), LIMITS.urlButtons);
	checkCount('Phone number buttons', count('PHONE_NUMBER'), LIMITS.phoneNumberButtons);
	checkCount('Copy code buttons', count('COPY_CODE'), LIMITS.copyCodeButtons);
	list.forEach((raw, index) => {
		const button = raw as Component;
		const label = `Button ${index + 1}`;
		const type = String(button.type ?? '').toUpperCase();
		if (type === 'OTP') {
			// Both labels are optional (Meta's defaults are "Copy code" and "Autofill").
			checkLength(`${label} Text`, text(button), LIMITS.otpButtonText);
			checkLength(`${label} Autofill Text`, text(button, 'autofill_text'), LIMITS.otpButtonText);
		} else if (type !== 'COPY_CODE') {
			checkLength(`${label} Text`, text(button), LIMITS.buttonText, 1);
		}
		if (type === 'URL') {
			const url = text(button, 'url');
			checkLength(`${label} URL`, url, LIMITS.url, 1);
			if (!/^https?:\/\/[^\s/]+/i.test(url)) {
				throw new InputError(
					`${label} URL ${quoteInput(url)} is not a web address: start it with https://.`,
				);
			}
			const variables = variablesOf(url);
			if (variables.length > 1) {
				throw new InputError(
					`${label} URL has ${variables.length} variables; Meta allows one, at the end of the URL.`,
				);
			}
			if (variables.length === 1) {
				if (!/\{\{\s*1\s*\}\}$/.test(url)) {
					throw new InputError(
						`${label} URL's variable must be {{1}} at the very end of the URL, e.g. https://example.com/order/{{1}}.`,
					);
				}
				const example = button.example;
				if (!Array.isArray(example) || typeof example[0] !== 'string' || example[0] === '') {
					throw new InputError(
						`${label} URL has a variable but no example: add the URL Example, e.g. the order number.`,
					);
				}
			}
		}
		if (type === 'PHONE_NUMBER') {
			checkLength(`${label} Phone Number`, text(button, 'phone_number'), LIMITS.phoneNumber, 1);
		}
		if (type === 'COPY_CODE') {
			const example = typeof button.example === 'string' ? button.example : '';
			checkLength(`${label} Copy Code Example`, example, LIMITS.copyCodeExample, 1);
		}
	});
}
