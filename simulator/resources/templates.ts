// A WABA's message templates: create (with Meta's answers to a few broken rules), list with
// Meta's filters and cursor paging, get and edit one by ID, delete by name (every language) or
// by name and ID (one language), copy from another WABA of the business (migrate). A created,
// edited or copied template is PENDING until its review ends (templateReviewMs, simulator time),
// then APPROVED unless a control call decided otherwise. Tests seed them (seedMessageTemplate).
import { graphError, page, pickFields } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, MessageTemplate, SimulatorState, Waba } from '../types';
import { readableWaba } from './subscribedApps';

/** Ends a template's review once its time has come, as Meta's reviewers would. */
export function settle(state: SimulatorState, template: MessageTemplate): MessageTemplate {
	if (
		template.status === 'PENDING' &&
		template.reviewAt !== undefined &&
		state.now() >= template.reviewAt
	) {
		const outcome = template.reviewOutcome ?? { status: 'APPROVED' };
		template.status = outcome.status;
		template.rejected_reason = outcome.rejected_reason;
		template.quality_score = outcome.status === 'APPROVED' ? 'UNKNOWN' : template.quality_score;
		template.reviewAt = undefined;
		template.reviewOutcome = undefined;
	}
	return template;
}

function startReview(state: SimulatorState, template: MessageTemplate): void {
	template.status = 'PENDING';
	template.rejected_reason = undefined;
	template.reviewAt = state.now() + state.templateReviewMs;
}

export function templateView(
	template: MessageTemplate,
	fields: string | null,
): Record<string, unknown> {
	const full: Record<string, unknown> = {
		id: template.id,
		name: template.name,
		language: template.language,
		status: template.status,
		category: template.category,
		parameter_format: template.parameter_format ?? 'POSITIONAL',
		components: template.components,
		quality_score: template.quality_score ? { score: template.quality_score } : undefined,
		rejected_reason: template.rejected_reason ?? 'NONE',
	};
	return pickFields(full, fields, ['id', 'name', 'language', 'status', 'category', 'components']);
}

/** Meta's list filters: name (contains), status, category, language, quality_score. */
function matches(template: MessageTemplate, params: URLSearchParams): boolean {
	const name = params.get('name');
	if (name && !template.name.includes(name)) return false;
	for (const key of ['status', 'category', 'language'] as const) {
		const wanted = params.get(key);
		if (wanted && template[key] !== wanted) return false;
	}
	const quality = params.get('quality_score');
	return !quality || (template.quality_score ?? 'UNKNOWN') === quality;
}

function remove(state: SimulatorState, wabaId: string, params: URLSearchParams) {
	const name = params.get('name');
	const id = params.get('hsm_id');
	if (!name) throw graphError(400, 100, '(#100) The parameter name is required');
	const doomed = [...state.templates.values()].filter(
		(t) => t.wabaId === wabaId && t.name === name && (!id || t.id === id),
	);
	if (doomed.length === 0) {
		throw graphError(400, 100, `(#100) Message template "${name}" could not be found`, {
			error_subcode: 2593002,
		});
	}
	for (const template of doomed) state.templates.delete(template.id);
	return { success: true };
}

const invalid = (message: string, extra: Record<string, unknown> = {}) =>
	graphError(400, 100, `(#100) ${message}`, {
		error_user_title: 'Invalid parameter',
		error_user_msg: message,
		...extra,
	});

/** A few of Meta's rules, answered as Graph does; the node checks them all before sending. */
function checkTemplate(body: Record<string, unknown>): Array<Record<string, unknown>> {
	if (typeof body.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(body.name)) {
		throw invalid(
			'Param name must be lowercase letters, digits and underscores, at most 512 characters',
		);
	}
	if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(String(body.category))) {
		throw invalid('Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}');
	}
	return checkComponents(body.components);
}

function checkComponents(value: unknown): Array<Record<string, unknown>> {
	const components = Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
	const body = components.find((c) => String(c.type).toUpperCase() === 'BODY');
	if (!body) throw invalid('Param components must have a BODY component');
	const text = typeof body.text === 'string' ? body.text : '';
	if ([...text].length > 1024) {
		throw invalid('Message template body is too long: at most 1024 characters');
	}
	if (/\{\{/.test(text) && !body.example) {
		throw invalid('Message template body has variables without examples', {
			error_subcode: 2388043,
		});
	}
	const header = components.find((c) => String(c.type).toUpperCase() === 'HEADER');
	const handle = (header?.example as { header_handle?: unknown[] } | undefined)?.header_handle?.[0];
	if (
		header &&
		['IMAGE', 'VIDEO', 'DOCUMENT'].includes(String(header.format)) &&
		typeof handle !== 'string'
	) {
		throw invalid('A media header needs example.header_handle from the Resumable Upload API');
	}
	return components;
}

function create(state: SimulatorState, wabaId: string, body: Record<string, unknown>) {
	const components = checkTemplate(body);
	const language = String(body.language ?? '');
	const name = String(body.name);
	const taken = [...state.templates.values()].some(
		(t) => t.wabaId === wabaId && t.name === name && t.language === language,
	);
	if (taken) {
		throw graphError(400, 100, 'Invalid parameter', {
			error_subcode: 2388024,
			error_user_title: 'Content in This Language Already Exists',
			error_user_msg: `There is already ${language} content for this template. You can create a new template and try again.`,
		});
	}
	const template: MessageTemplate = {
		id: state.newId(),
		wabaId,
		name,
		language,
		category: body.category as MessageTemplate['category'],
		status: 'PENDING',
		parameter_format: body.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
		components,
	};
	startReview(state, template);
	state.templates.set(template.id, template);
	return { id: template.id, status: template.status, category: template.category };
}

function edit(state: SimulatorState, template: MessageTemplate, body: Record<string, unknown>) {
	if (body.components === undefined && body.category === undefined) {
		throw invalid('Nothing to edit: send components and/or category');
	}
	if (body.category !== undefined) {
		if (!['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(String(body.category))) {
			throw invalid('Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}');
		}
		template.category = body.category as MessageTemplate['category'];
	}
	if (body.components !== undefined) template.components = checkComponents(body.components);
	startReview(state, template);
	return { success: true };
}

/** Meta's sets of 500, zero-based; only APPROVED templates of quality GREEN or UNKNOWN copy. */
function migrate(state: SimulatorState, destinationId: string, body: Record<string, unknown>) {
	const sourceId = String(body.source_waba_id ?? '');
	const source = state.wabas.get(sourceId);
	if (!source) throw invalid(`Param source_waba_id ${sourceId} is not a WhatsApp Business Account`);
	if (source.businessId !== state.wabas.get(destinationId)?.businessId) {
		throw invalid('Templates can only be migrated between WABAs owned by the same business');
	}
	const count = body.count === undefined ? 500 : Number(body.count);
	if (!Number.isInteger(count) || count < 1 || count > 500)
		throw invalid('Param count must be 1 to 500');
	const ids = Array.isArray(body.template_ids) ? body.template_ids.map(String) : undefined;
	if (ids && ids.length > 500) throw invalid('Param template_ids has at most 500 IDs');
	const all = [...state.templates.values()]
		.filter((t) => t.wabaId === sourceId && (!ids || ids.includes(t.id)))
		.sort((a, b) => a.id.localeCompare(b.id));
	const pageNumber = Number(body.page_number ?? 0);
	const set = ids ? all : all.slice(pageNumber * count, (pageNumber + 1) * count);
	const migrated: string[] = [];
	const failed: Record<string, string> = {};
	for (const template of set.map((t) => settle(state, t))) {
		if (
			template.status !== 'APPROVED' ||
			!['GREEN', 'UNKNOWN', undefined].includes(template.quality_score)
		) {
			failed[template.id] =
				`Only APPROVED templates of quality GREEN or UNKNOWN can be migrated (status ${template.status}, quality ${template.quality_score ?? 'UNKNOWN'})`;
			continue;
		}
		const exists = [...state.templates.values()].some(
			(t) =>
				t.wabaId === destinationId && t.name === template.name && t.language === template.language,
		);
		if (exists) {
			failed[template.id] =
				`A template named ${template.name} (${template.language}) already exists in the destination WABA`;
			continue;
		}
		const copy: MessageTemplate = {
			...template,
			id: state.newId(),
			wabaId: destinationId,
			components: structuredClone(template.components),
			quality_score: undefined,
		};
		startReview(state, copy);
		state.templates.set(copy.id, copy);
		migrated.push(template.id);
	}
	return { migrated_templates: migrated, failed_templates: failed };
}

/** /{WABA-ID}/message_templates, /{WABA-ID}/migrate_message_templates and /{TEMPLATE-ID}. */
/** Puts a template into a WABA, as if created and reviewed earlier (APPROVED by default). */
export function seedTemplate(
	state: SimulatorState,
	wabaId: string,
	template: Partial<MessageTemplate> & { name: string },
): MessageTemplate {
	const seeded: MessageTemplate = {
		id: state.newId(),
		wabaId,
		language: 'en_US',
		category: 'UTILITY',
		status: 'APPROVED',
		quality_score: 'GREEN',
		components: [{ type: 'BODY', text: `Hello from ${template.name}` }],
		...template,
	};
	state.templates.set(seeded.id, seeded);
	return seeded;
}

export function routeTemplates(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url, body } = route;
	const template = state.templates.get(target);
	if (template && !edge) {
		if (method === 'GET')
			return templateView(settle(state, template), url.searchParams.get('fields'));
		if (method === 'POST') return edit(state, settle(state, template), body);
		return NOT_MINE;
	}
	if (!state.wabas.has(target)) return NOT_MINE;
	if (edge === 'migrate_message_templates' && method === 'POST')
		return migrate(state, target, body);
	if (edge !== 'message_templates') return NOT_MINE;
	if (method === 'POST') return create(state, target, body);
	if (method === 'GET') {
		readableWaba(state.wabas.get(target) as Waba);
		const list = [...state.templates.values()].filter(
			(t) => t.wabaId === target && matches(settle(state, t), url.searchParams),
		);
		return page(state.baseUrl, list, url, (t) => templateView(t, url.searchParams.get('fields')));
	}
	if (method === 'DELETE') return remove(state, target, url.searchParams);
	return NOT_MINE;
}
