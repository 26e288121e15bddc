// A WABA's message templates: list with Meta's filters and cursor paging, get one by ID, delete
// by name (every language) or by name and ID (one language). Tests seed them
// (seedMessageTemplate) or change their status and quality as Meta does.
import { graphError, page, pickFields } from '../graph';
import { NOT_MINE } from '../types';
import type { GraphRoute, MessageTemplate, SimulatorState } from '../types';

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

/** GET and DELETE /{WABA-ID}/message_templates; GET /{TEMPLATE-ID}. */
export function routeTemplates(state: SimulatorState, route: GraphRoute): unknown {
	const { method, target, edge, url } = route;
	const template = state.templates.get(target);
	if (template && !edge && method === 'GET') {
		return templateView(template, url.searchParams.get('fields'));
	}
	if (!state.wabas.has(target) || edge !== 'message_templates') return NOT_MINE;
	if (method === 'GET') {
		const list = [...state.templates.values()].filter(
			(t) => t.wabaId === target && matches(t, url.searchParams),
		);
		return page(state.baseUrl, list, url, (t) => templateView(t, url.searchParams.get('fields')));
	}
	if (method === 'DELETE') return remove(state, target, url.searchParams);
	return NOT_MINE;
}
