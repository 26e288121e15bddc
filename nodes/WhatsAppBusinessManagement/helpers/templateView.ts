import type { IDataObject } from 'n8n-workflow';

/** A template as Meta describes it, with its quality as a plain value (`quality_score.score`). */
export function withPlainQuality(template: IDataObject): IDataObject {
	const score = (template.quality_score as IDataObject | undefined)?.score;
	return { ...template, quality: typeof score === 'string' ? score : null };
}
