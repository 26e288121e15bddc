/** A user's input as shown in a message: at most 40 characters, quoted, on one line. */
export function quoteInput(input: string): string {
	const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
	return JSON.stringify(shown);
}
