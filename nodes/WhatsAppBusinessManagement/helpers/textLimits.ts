import { InputError } from './errors';

/** Characters as a person counts them (an emoji is one), which is how Meta's limits read. */
export function characterCount(text: string): number {
	return [...text].length;
}

/**
 * A text Meta limits in length, checked before any request: the message says the field, the
 * length and by how much to shorten it.
 */
export function checkLength(label: string, text: string, max: number, min = 0): string {
	const length = characterCount(text);
	if (length > max) {
		throw new InputError(
			`${label} is ${length} characters long; Meta allows at most ${max}. Shorten it by ${length - max}.`,
		);
	}
	if (length < min) {
		throw new InputError(
			min === 1
				? `${label} is empty: enter some text or remove the field.`
				: `${label} needs at least ${min} characters.`,
		);
	}
	return text;
}

/** Checks how many entries a list has against Meta's maximum. */
export function checkCount(label: string, count: number, max: number): void {
	if (count > max) {
		throw new InputError(
			`${label}: ${count} given, Meta allows at most ${max}. Remove ${count - max}.`,
		);
	}
}
