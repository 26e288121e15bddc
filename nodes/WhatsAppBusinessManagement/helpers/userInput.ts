/** A user's input as shown in a message: at most 40 characters, quoted, on one line. */
export function quoteInput(input: string): string {
	const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
	return JSON.stringify(shown);
}

const MAX_ECHO_LENGTH = 100;

/** The input as an item may echo it back: short text or a number; never an object or a 1 MB string. */
export function echoInput(value: unknown): string | number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string') {
		return value.length > MAX_ECHO_LENGTH ? `${value.slice(0, MAX_ECHO_LENGTH)}…` : value;
	}
	return null;
}
