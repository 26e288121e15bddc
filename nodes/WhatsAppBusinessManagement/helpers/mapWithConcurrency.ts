/**
 * Runs `task` over `inputs` with at most `limit` at once, keeping the results in input order.
 * After a task throws, no new task starts; the ones in flight finish, then the error is thrown.
 */
export async function mapWithConcurrency<T, R>(
	inputs: T[],
	limit: number,
	task: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (!failure && next < inputs.length) {
			const index = next++;
			try {
				results[index] = await task(inputs[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker);
	await Promise.all(workers);
	if (failure) throw failure.error;
	return results;
}
