// A picture of one run (an SVG, a plain file): Meta's business usage in percent over time, as
// the simulator counted it (accepted calls in the sliding window, every caller included), the
// Usage Ceiling as a line, Meta's limit, each throttled call as a red mark, and below, one strip
// per execution with a tick for each of its sends.

/** [seconds from the first request, HTTP status, the add's phone digits or null, throttled 1/0] */
export type Timeline = Array<[number, number, string | null, number]>;

const WIDTH = 900;
const PLOT = { left: 50, top: 20, width: 820, height: 220 };

export function usageSvg(options: {
	title: string;
	timeline: Timeline;
	callsPerWindow: number;
	windowMs: number;
	ceilingPercent: number;
	/** Which execution sent a request (by its phone digits), or null for the neighbour's. */
	executionOf: (digits: string | null) => number | null;
	executions: number;
}): string {
	const { timeline, callsPerWindow, ceilingPercent } = options;
	const windowS = options.windowMs / 1000;
	const end = Math.max(windowS, ...timeline.map(([at]) => at));
	const x = (at: number) => PLOT.left + (at / end) * PLOT.width;
	const y = (percent: number) => PLOT.top + PLOT.height * (1 - Math.min(percent, 110) / 110);
	// The usage at each call and at 400 even steps between (so that the window sliding during a
	// hold shows): the calls Meta counted in the window that ends there, every caller included.
	const counted = timeline.filter(([, , , throttled]) => throttled === 0).map(([at]) => at);
	const times = [...counted, ...Array.from({ length: 401 }, (_, i) => (i / 400) * end)].sort(
		(a, b) => a - b,
	);
	const points: string[] = [];
	let from = 0;
	let to = 0;
	for (const at of times) {
		while (to < counted.length && counted[to] <= at) to++;
		while (from < to && counted[from] <= at - windowS) from++;
		const percent = ((to - from) / callsPerWindow) * 100;
		points.push(`${x(at).toFixed(1)},${y(percent).toFixed(1)}`);
	}
	const strip = (n: number) => PLOT.top + PLOT.height + 30 + n * 12;
	const height = strip(options.executions) + 30;
	const ticks = timeline
		.map(([at, , digits]) => ({ at, execution: options.executionOf(digits) }))
		.filter((t): t is { at: number; execution: number } => t.execution !== null)
		.map(
			({ at, execution }) =>
				`<line x1="${x(at).toFixed(1)}" x2="${x(at).toFixed(1)}" y1="${strip(execution)}" y2="${strip(execution) + 9}" stroke="hsl(${(execution * 137) % 360} 60% 40%)" stroke-width="0.6"/>`,
		);
	const throttled = timeline
		.filter(([, , , wasThrottled]) => wasThrottled === 1)
		.map(([at]) => `<circle cx="${x(at).toFixed(1)}" cy="${y(100)}" r="2.5" fill="#d33"/>`);
	const axis = [0, 0.25, 0.5, 0.75, 1].map((f) => {
		const at = f * end;
		return `<text x="${x(at).toFixed(1)}" y="${PLOT.top + PLOT.height + 14}" font-size="10" text-anchor="middle">${at.toFixed(at < 10 ? 1 : 0)} s</text>`;
	});
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">`,
		`<rect width="100%" height="100%" fill="#fff"/>`,
		`<text x="${PLOT.left}" y="14" font-size="12">${escape(options.title)}</text>`,
		`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.width}" height="${PLOT.height}" fill="none" stroke="#999"/>`,
		...[0, 50, 100].map(
			(p) =>
				`<text x="${PLOT.left - 6}" y="${y(p) + 4}" font-size="10" text-anchor="end">${p}%</text>`,
		),
		`<line x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y(100)}" y2="${y(100)}" stroke="#d33" stroke-dasharray="4 3"/>`,
		`<text x="${PLOT.left + PLOT.width - 4}" y="${y(100) - 4}" font-size="10" text-anchor="end" fill="#d33" stroke="#fff" stroke-width="3" paint-order="stroke">Meta's limit</text>`,
		`<line x1="${PLOT.left}" x2="${PLOT.left + PLOT.width}" y1="${y(ceilingPercent)}" y2="${y(ceilingPercent)}" stroke="#e80" stroke-dasharray="6 3"/>`,
		`<text x="${PLOT.left + PLOT.width - 4}" y="${y(ceilingPercent) + 12}" font-size="10" text-anchor="end" fill="#e80" stroke="#fff" stroke-width="3" paint-order="stroke">Usage Ceiling ${ceilingPercent}%</text>`,
		`<polyline fill="none" stroke="#268" stroke-width="1" points="${points.join(' ')}"/>`,
		...throttled,
		...axis,
		`<text x="${PLOT.left}" y="${strip(0) - 6}" font-size="10">Each execution's sends</text>`,
		...ticks,
		`</svg>`,
		'',
	].join('\n');
}

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
