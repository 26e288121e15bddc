import type { IDataObject } from 'n8n-workflow';

// Meta's `health_status` field (page "Messaging and Calling Health Status"): the overall
// can_send_message (AVAILABLE, LIMITED or BLOCKED) and each entity of the chain a message
// passes (phone number or template when asked of one; WABA, business and app always), a
// BLOCKED entity with `errors`, a LIMITED one with `additional_info`.

interface Entity {
	entity_type?: unknown;
	id?: unknown;
	can_send_message?: unknown;
	errors?: unknown;
	additional_info?: unknown;
}

const text = (value: unknown): string | null =>
	typeof value === 'string' || typeof value === 'number' ? String(value) : null;

function entitiesOf(health: IDataObject | undefined): Entity[] {
	return Array.isArray(health?.entities) ? (health.entities as Entity[]) : [];
}

/** One row per reason an entity is not AVAILABLE: Meta's error, or its note on a limit. */
function problemsOf(entity: Entity): IDataObject[] {
	const status = text(entity.can_send_message);
	if (status === null || status === 'AVAILABLE') return [];
	const base = {
		entity_type: text(entity.entity_type),
		entity_id: text(entity.id),
		can_send_message: status,
	};
	const errors = Array.isArray(entity.errors) ? (entity.errors as IDataObject[]) : [];
	const notes = Array.isArray(entity.additional_info) ? entity.additional_info : [];
	const rows = [
		...errors.map((error) => ({
			...base,
			error_code: error.error_code ?? null,
			error_description: text(error.error_description),
			possible_solution: text(error.possible_solution),
		})),
		...notes.map((note) => ({
			...base,
			error_code: null,
			error_description: text(note),
			possible_solution: null,
		})),
	];
	return rows.length > 0
		? rows
		: [{ ...base, error_code: null, error_description: null, possible_solution: null }];
}

/**
 * Get Health Status's item: the overall status, each entity's status as a flat field
 * (`waba_can_send_message`, …), the entities, and every problem with Meta's code, description
 * and possible solution, also as one line of text.
 */
export function readHealthStatus(answer: IDataObject): IDataObject {
	const health = answer.health_status as IDataObject | undefined;
	const entities = entitiesOf(health);
	const problems = entities.flatMap(problemsOf);
	const perEntity: IDataObject = {};
	for (const entity of entities) {
		const type = text(entity.entity_type)?.toLowerCase();
		if (type) perEntity[`${type}_can_send_message`] = text(entity.can_send_message);
	}
	return {
		id: text(answer.id),
		can_send_message: text(health?.can_send_message),
		...perEntity,
		problems,
		problem_summary:
			problems
				.map(
					(p) =>
						`${p.entity_type} ${p.entity_id} ${p.can_send_message}: ${p.error_description ?? 'no reason given'}${p.possible_solution ? ` (${p.possible_solution})` : ''}`,
				)
				.join('; ') || null,
		entities: entities.map((entity) => ({
			entity_type: text(entity.entity_type),
			id: text(entity.id),
			can_send_message: text(entity.can_send_message),
		})),
	};
}

/**
 * What a trigger keeps of a health status to see it change: the overall value and each
 * entity's, e.g. "BLOCKED/PHONE_NUMBER=BLOCKED/WABA=AVAILABLE" (no commas: it is one field of
 * a number's `seen` entry). '' when Meta gave none.
 */
export function healthSignature(health: unknown): string {
	if (typeof health !== 'object' || health === null) return '';
	const overall = text((health as IDataObject).can_send_message) ?? '';
	const entities = entitiesOf(health as IDataObject)
		.map((e) => `${text(e.entity_type) ?? ''}=${text(e.can_send_message) ?? ''}`)
		.sort();
	return [overall, ...entities].join('/').replace(/,/g, ' ');
}
