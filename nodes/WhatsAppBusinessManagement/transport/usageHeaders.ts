/** What Meta's answer headers say about the usage budget. */
export interface Usage {
	/** Highest percentage in X-Business-Use-Case-Usage and X-App-Usage, or null without them. */
	percent: number | null;
	/** How long Meta asked us to wait, in ms, or null when it did not. */
	waitMs: number | null;
}

function header(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.map(String).join(',');
	return value === undefined || value === null ? undefined : String(value);
}

function parseJson(text: string | undefined): unknown {
	if (!text) return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// A malformed usage header must not turn a good answer into a failure.
		return undefined;
	}
}

function numberOf(entry: Record<string, unknown>, key: string): number {
	const value = Number(entry[key]);
	return Number.isFinite(value) ? value : 0;
}

/**
 * The businesses whose budget `X-Business-Use-Case-Usage` reports (its keys, sorted and joined),
 * or null: two tokens of one business spend one budget, so this, never a token, names it.
 */
export function readBudgetOwner(headers: Record<string, unknown>): string | null {
	const business = parseJson(header(headers, 'x-business-use-case-usage'));
	if (typeof business !== 'object' || business === null || Array.isArray(business)) return null;
	const ids = Object.keys(business).filter((id) => /^[0-9]+$/.test(id));
	return ids.length > 0 ? ids.sort().join(',') : null;
}

/**
 * Reads `X-Business-Use-Case-Usage` ({"<business>": [{call_count, total_cputime, total_time,
 * estimated_time_to_regain_access (minutes)}]}), `X-App-Usage` and `Retry-After` (seconds).
 * Retry-After wins when both give a wait: it is the more precise of the two.
 */
export function readUsage(headers: Record<string, unknown>): Usage {
	const entries: Array<Record<string, unknown>> = [];
	const business = parseJson(header(headers, 'x-business-use-case-usage'));
	if (typeof business === 'object' && business !== null) {
		for (const list of Object.values(business)) {
			for (const entry of Array.isArray(list) ? list : []) {
				if (typeof entry === 'object' && entry !== null)
					entries.push(entry as Record<string, unknown>);
			}
		}
	}
	const app = parseJson(header(headers, 'x-app-usage'));
	if (typeof app === 'object' && app !== null) entries.push(app as Record<string, unknown>);

	let percent: number | null = null;
	let regainMinutes = 0;
	for (const entry of entries) {
		const highest = Math.max(
			numberOf(entry, 'call_count'),
			numberOf(entry, 'total_cputime'),
			numberOf(entry, 'total_time'),
		);
		percent = Math.max(percent ?? 0, highest);
		regainMinutes = Math.max(regainMinutes, numberOf(entry, 'estimated_time_to_regain_access'));
	}

	const retryAfter = header(headers, 'retry-after')?.trim();
	let waitMs: number | null = null;
	if (retryAfter !== undefined && /^\d+(\.\d+)?$/.test(retryAfter))
		waitMs = Number(retryAfter) * 1000;
	else if (regainMinutes > 0) waitMs = regainMinutes * 60_000;
	return { percent, waitMs };
}
