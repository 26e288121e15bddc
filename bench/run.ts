/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark code: runs in Node.js, never inside n8n */
// npm run bench: this node against what users build today, in one run, on this machine.
// Writes bench/RESULTS.md and prints it. Not part of npm test.
import { execFile, execFileSync, spawn } from 'child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';

import { usageSvg } from './usagePicture';
import type { Timeline } from './usagePicture';

const root = join(__dirname, '..');
const work = join(root, '.tmp', 'bench');
const tsx = join(root, 'node_modules/.bin/tsx');
const TOKEN = 'EAABenchmarkToken';
const BUSINESS = '1234567890123456';
mkdirSync(work, { recursive: true });

interface Metrics {
	variant: string;
	rows: number;
	startedAt: number;
	endedAt: number;
	wallMs: number;
	cpuMs: number;
	cpuMsPerThousandItems: number;
	peakRssMb: number;
	failed: number;
	failedByThrottling: number;
	itemsOut: number;
	calls?: number;
	throttledCalls?: number;
	/** The highest business usage the simulator reported during the run, in percent. */
	highestUsage?: number;
	neighbourCalls?: number;
	neighbourThrottled?: number;
	/** The run's requests, for its picture (the default-options row only). */
	timeline?: Timeline;
}

interface Settings {
	/** The budget the ideal loop spends (its share of the real one). */
	callsPerWindow: number;
	windowMs: number;
	inFlight: number;
	executions?: number;
	/** The node's Options (its defaults when empty). */
	nodeOptions?: Record<string, number | string>;
	/** The HTTP Request node's batching, as tuned by hand. */
	httpBatch?: { size: number; intervalMs: number };
}

/** Rows as a spreadsheet export holds them: mixed formats, 1% invalid, 1% duplicate. */
function writeRows(count: number): string {
	const formats = [
		(d: string) => `+1 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`,
		(d: string) => d,
		(d: string) => `+1-${d.slice(1, 4)}-${d.slice(4, 7)}-${d.slice(7)}`,
		(d: string) => Number(d),
		(d: string) => `+1 ${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`,
	];
	const rows = [];
	for (let i = 0; i < count; i++) {
		const digits = `1631${2000000 + i}`;
		if (i % 100 === 99) rows.push({ row: i, phone: `call me ${i}` });
		else if (i % 100 === 98) rows.push({ row: i, phone: `+1631${2000000 + i - 50}` });
		else rows.push({ row: i, phone: formats[i % formats.length](digits) });
	}
	const file = join(work, `rows-${count}.json`);
	writeFileSync(file, JSON.stringify(rows));
	return file;
}

/** The rows of one file split into equal parts, one file each: one per worker. */
function splitRows(file: string, parts: number): string[] {
	const rows = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
	const size = Math.ceil(rows.length / parts);
	return Array.from({ length: parts }, (_, index) => {
		const part = file.replace(/\.json$/, `-part${index + 1}of${parts}.json`);
		writeFileSync(part, JSON.stringify(rows.slice(index * size, (index + 1) * size)));
		return part;
	});
}

async function startSimulator(args: string[]) {
	const child = spawn(
		tsx,
		[join(root, 'simulator/cli.ts'), '--token', TOKEN, '--business', BUSINESS, ...args],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const baseUrl = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const match = /Base URL:\s+(\S+)/.exec(text);
			if (match) resolve(match[1]);
		});
		child.on('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
	});
	return {
		baseUrl,
		async timeline() {
			const response = await fetch(`${baseUrl}/__simulator/timeline`);
			return (await response.json()) as Timeline;
		},
		async stats() {
			const response = await fetch(`${baseUrl}/__simulator/stats`);
			return (await response.json()) as {
				requests: number;
				throttled: number;
				duplicateAdds: number;
				highestUsagePercent: number;
				throttledAtSeconds: number[];
			};
		},
		stop() {
			child.removeAllListeners('exit');
			child.kill('SIGTERM');
		},
	};
}

/**
 * Another system of the same business, calling steadily (a GET on the business's pool) every
 * `everyMs` until stopped; counts how often Meta refused it.
 */
function startNeighbour(baseUrl: string, everyMs: number) {
	const state = { calls: 0, throttled: 0, stopped: false };
	const url = `${baseUrl}/v23.0/${BUSINESS}/preverified_numbers?limit=1`;
	const done = (async () => {
		let next = Date.now();
		while (!state.stopped) {
			next += everyMs;
			await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
			if (state.stopped) break;
			state.calls++;
			const response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
			await response.text();
			if (!response.ok) state.throttled++;
		}
	})();
	return {
		state,
		async stop() {
			state.stopped = true;
			await done;
		},
	};
}

function runWorker(variant: string, baseUrl: string, rowsFile: string, settings: Settings) {
	return new Promise<Metrics>((resolve, reject) => {
		execFile(
			tsx,
			[
				join(__dirname, 'variant.ts'),
				variant,
				baseUrl,
				rowsFile,
				JSON.stringify({ token: TOKEN, businessId: BUSINESS, ...settings }),
			],
			{ maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) return reject(new Error(`${variant} failed: ${stderr || error.message}`));
				resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as Metrics);
			},
		);
	});
}

interface Budget {
	callsPerWindow: number;
	windowMs: number;
	/** A steady neighbour's share of the budget (0 for none). */
	neighbourShare: number;
}

function simulatorArgs(budget: Budget | null): string[] {
	if (!budget) return [];
	return [
		'--latency',
		'20',
		'--calls-per-window',
		String(budget.callsPerWindow),
		'--app-calls-per-window',
		String(budget.callsPerWindow * 5),
		'--window-ms',
		String(budget.windowMs),
		// The neighbour has been calling for a window already.
		'--prefill-calls',
		String(Math.round(budget.callsPerWindow * budget.neighbourShare)),
	];
}

/**
 * One variant against its own simulator: one process per worker (each with its rows file), all
 * at once; wall time from the first worker's start to the last one's end.
 */
async function runVariant(
	variant: string,
	workers: Array<{ rowsFile: string; settings: Settings }>,
	budget: Budget | null,
	label = variant,
): Promise<Metrics> {
	const simulator = await startSimulator(simulatorArgs(budget));
	const neighbour =
		budget && budget.neighbourShare > 0
			? startNeighbour(
					simulator.baseUrl,
					budget.windowMs / (budget.callsPerWindow * budget.neighbourShare),
				)
			: undefined;
	try {
		const parts = await Promise.all(
			workers.map(
				async (worker) =>
					await runWorker(variant, simulator.baseUrl, worker.rowsFile, worker.settings),
			),
		);
		await neighbour?.stop();
		const stats = await simulator.stats();
		const timeline = label === 'node' ? await simulator.timeline() : undefined;
		if (stats.duplicateAdds > 0)
			console.error(`${variant}: ${stats.duplicateAdds} numbers added twice`);
		const sum = (key: 'rows' | 'cpuMs' | 'failed' | 'failedByThrottling' | 'itemsOut') =>
			parts.reduce((total, part) => total + part[key], 0);
		const startedAt = Math.min(...parts.map((part) => part.startedAt));
		const endedAt = Math.max(...parts.map((part) => part.endedAt));
		const metrics: Metrics = {
			variant: label,
			rows: sum('rows'),
			startedAt,
			endedAt,
			wallMs: endedAt - startedAt,
			cpuMs: sum('cpuMs'),
			cpuMsPerThousandItems: (sum('cpuMs') / sum('rows')) * 1000,
			peakRssMb: Math.max(...parts.map((part) => part.peakRssMb)),
			failed: sum('failed'),
			failedByThrottling: sum('failedByThrottling'),
			itemsOut: sum('itemsOut'),
			calls: stats.requests - (neighbour?.state.calls ?? 0),
			throttledCalls: stats.throttled - (neighbour?.state.throttled ?? 0),
			highestUsage: stats.highestUsagePercent,
			neighbourCalls: neighbour?.state.calls,
			neighbourThrottled: neighbour?.state.throttled,
			timeline,
		};
		process.stderr.write(
			`  ${label}: ${(metrics.wallMs / 1000).toFixed(1)} s${stats.throttledAtSeconds.length > 0 ? `, throttled ${stats.throttledAtSeconds.length} times, first at ${stats.throttledAtSeconds.slice(0, 5).join(', ')} s` : ''}\n`,
		);
		return metrics;
	} finally {
		await neighbour?.stop();
		simulator.stop();
	}
}

function coldLoadMs(): number {
	const bundle = join(
		root,
		'dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js',
	);
	const script = `require('n8n-workflow'); const t = process.hrtime.bigint(); require(${JSON.stringify(bundle)}); console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
	const runs = Array.from({ length: 7 }, () =>
		Number(execFileSync(process.execPath, ['-e', script], { cwd: root }).toString()),
	).sort((a, b) => a - b);
	return runs[3];
}

function distSize(): { total: number; node: number } {
	let total = 0;
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else total += statSync(path).size;
		}
	};
	walk(join(root, 'dist'));
	const node = statSync(
		join(root, 'dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js'),
	).size;
	return { total, node };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const ratio = (m: Metrics, ideal: Metrics) => m.wallMs / ideal.wallMs;
const verdict = (met: boolean) => (met ? 'met' : '**missed**');
/** Ahead: fewer rows lost to throttling (a row that failed is not done), else sooner. */
const ahead = (m: Metrics, other: Metrics) =>
	m.failedByThrottling < other.failedByThrottling ||
	(m.failedByThrottling === other.failedByThrottling && m.wallMs < other.wallMs);

/**
 * `npm run bench -- --per-item`: only the per-item cost (10,000 rows, no budget), five rounds of
 * this node and the HTTP Request node in turn; prints the medians and their ratio. A quick check
 * of a change to the per-item work without the half-hour budget runs.
 */
async function perItemOnly() {
	const free = { callsPerWindow: 0, windowMs: 1000, inFlight: 4 };
	const rows = writeRows(10_000);
	const cpu: Record<string, number[]> = { node: [], httpDefaults: [] };
	for (let round = 0; round < 5; round++) {
		for (const variant of ['node', 'httpDefaults']) {
			const metrics = await runVariant(variant, [{ rowsFile: rows, settings: free }], null);
			cpu[variant].push(metrics.cpuMsPerThousandItems);
		}
	}
	const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
	const [node, http] = [median(cpu.node), median(cpu.httpDefaults)];
	console.log(
		`per item, 10,000 rows, median of 5: this node ${node.toFixed(0)} ms CPU per 1k items, HTTP Request node ${http.toFixed(0)} ms; ratio ${(node / http).toFixed(3)}`,
	);
}

interface Case {
	title: string;
	budget: Budget;
	rowsFile: string;
	/** 1: one execution; 10: ten executions on 2 worker processes (5 each), or on `workers`. */
	executions: 1 | 10;
	/** Worker processes of the ten executions: 2 (default) or 1 (every execution in one process). */
	workers?: 1 | 2;
	/** The node at Usage Ceiling 100 (today's behaviour before the ceiling), 4 in flight. */
	withCeiling100?: boolean;
	/** The node tuned: 4 requests in flight. */
	withTunedNode?: boolean;
	/** The case the HTTP Request node's batching was tuned for. */
	tunedFor?: boolean;
}

interface CaseResult {
	ideal100: Metrics;
	idealCeiling: Metrics;
	node: Metrics;
	rows: Metrics[];
}

const CEILING = 90;
/** The HTTP Request node tuned by hand for one execution at the 5-minute window. */
const HTTP_BATCH = { size: 1000, intervalMs: 300_000 };

async function runCase(c: Case): Promise<CaseResult> {
	const workers = (settings: Settings) =>
		c.executions === 1
			? [{ rowsFile: c.rowsFile, settings }]
			: c.workers === 1
				? [{ rowsFile: c.rowsFile, settings: { ...settings, executions: 10 } }]
				: splitRows(c.rowsFile, 2).map((rowsFile) => ({
						rowsFile,
						settings: { ...settings, executions: 5 },
					}));
	const { callsPerWindow, windowMs, neighbourShare } = c.budget;
	const ideal = (share: number): Settings => ({
		callsPerWindow: Math.floor(callsPerWindow * share),
		windowMs,
		inFlight: 4,
	});
	const node = (options: Record<string, number>): Settings => ({
		callsPerWindow,
		windowMs,
		inFlight: 1,
		nodeOptions: options,
	});
	const http: Settings = { callsPerWindow, windowMs, inFlight: 1, httpBatch: HTTP_BATCH };
	// The ideal loops are one process that knows the budget: one "worker".
	const runs: Array<Promise<Metrics>> = [
		runVariant(
			'ideal',
			[{ rowsFile: c.rowsFile, settings: ideal(1 - neighbourShare) }],
			c.budget,
			'ideal100',
		),
		runVariant(
			'ideal',
			[{ rowsFile: c.rowsFile, settings: ideal(CEILING / 100 - neighbourShare) }],
			c.budget,
			'idealCeiling',
		),
		runVariant('node', workers(node({})), c.budget, 'node'),
		runVariant('httpTuned', workers(http), c.budget, 'httpTuned'),
	];
	if (c.withTunedNode)
		runs.push(runVariant('node', workers(node({ requestsInFlight: 4 })), c.budget, 'node4'));
	if (c.withCeiling100)
		runs.push(
			runVariant(
				'node',
				workers(node({ requestsInFlight: 4, usageCeilingPercent: 100 })),
				c.budget,
				'node100',
			),
		);
	const rows = await Promise.all(runs);
	const [ideal100, idealCeiling, nodeRow] = rows;
	writePicture(c, nodeRow);
	return { ideal100, idealCeiling, node: nodeRow, rows };
}

/** The file name of a case's picture: its title in lowercase words. */
export const pictureName = (title: string) =>
	`usage-${title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}.svg`;

/** bench/usage-<case>.svg: the default-options run's usage over time and each execution's sends. */
function writePicture(c: Case, node: Metrics): void {
	if (!node.timeline) return;
	const rowCount = (JSON.parse(readFileSync(c.rowsFile, 'utf8')) as unknown[]).length;
	const half = Math.ceil(rowCount / 2);
	const executionOf = (digits: string | null): number | null => {
		if (!digits) return null;
		const row = Number(digits.slice(4)) - 2_000_000;
		if (!Number.isInteger(row) || row < 0 || row >= rowCount) return null;
		if (c.executions === 1) return 0;
		if (c.workers === 1) return Math.floor(row / Math.ceil(rowCount / 10));
		const worker = row < half ? 0 : 1;
		return worker * 5 + Math.floor((row - worker * half) / Math.ceil(half / 5));
	};
	const svg = usageSvg({
		title: `${c.title}: this node, default options`,
		timeline: node.timeline,
		callsPerWindow: c.budget.callsPerWindow,
		windowMs: c.budget.windowMs,
		ceilingPercent: CEILING,
		executionOf,
		executions: c.executions,
	});
	const dir = process.env.BENCH_SMOKE === '1' ? work : __dirname;
	writeFileSync(join(dir, pictureName(c.title)), svg);
}

const names: Record<string, string> = {
	ideal100: 'Ideal loop at 100% of what is left (knows budget and window; physical limit)',
	idealCeiling: `Ideal loop at the ceiling (${CEILING}% less the neighbour's share)`,
	node: 'This node, default options (Usage Ceiling 90%, 1 in flight)',
	node4: 'This node, Requests in Flight 4 (tuned)',
	node100: 'This node, Usage Ceiling 100%, 4 in flight (as before the ceiling)',
	httpTuned:
		'Edit Fields + HTTP Request, batching 1,000 per 5 min (tuned for one execution, 5-min window)',
	httpDefaults: 'Edit Fields + HTTP Request, defaults',
};

function caseTable(r: CaseResult): string[] {
	const neighbour = r.rows.some((m) => m.neighbourCalls !== undefined);
	return [
		`| Variant | Wall | × ideal at ceiling | × ideal at 100% | Calls | Throttled calls | Highest usage | Items out | Items failed | Failed by throttling |${neighbour ? ' Neighbour refused |' : ''}`,
		`|---|---|---|---|---|---|---|---|---|---|${neighbour ? '---|' : ''}`,
		...r.rows.map(
			(m) =>
				`| ${names[m.variant]} | ${s(m.wallMs)} | ${ratio(m, r.idealCeiling).toFixed(2)} | ${ratio(m, r.ideal100).toFixed(2)} | ${m.calls} | ${m.throttledCalls} | ${m.highestUsage}% | ${m.itemsOut} | ${m.failed} | ${m.failedByThrottling} |${neighbour ? ` ${m.neighbourThrottled} of ${m.neighbourCalls} |` : ''}`,
		),
	];
}

async function main() {
	if (process.argv.includes('--per-item')) return await perItemOnly();
	// BENCH_SMOKE=1: every case at a tenth of the rows and the long window at 6 s, to check the script.
	const smoke = process.env.BENCH_SMOKE === '1';
	// Meta's hour, shrunk to a sliding 5-minute window: Meta's regain time comes in whole minutes,
	// so the window must be several minutes long for that grain to be as coarse as Meta's is.
	// And a short window (150 calls per 4 s), where one throttle (a whole minute) costs 15 windows.
	const long: Omit<Budget, 'neighbourShare'> = smoke
		? { callsPerWindow: 100, windowMs: 6_000 }
		: { callsPerWindow: 1000, windowMs: 300_000 };
	const short: Omit<Budget, 'neighbourShare'> = { callsPerWindow: 150, windowMs: 4_000 };
	const rows2k = writeRows(smoke ? 200 : 2000);
	const rows600 = writeRows(smoke ? 200 : 600);
	const longCases: Case[] = [
		{
			title: `${smoke ? 200 : '2,000'} rows, one execution, 5-minute window`,
			budget: { ...long, neighbourShare: 0 },
			rowsFile: rows2k,
			executions: 1,
			withTunedNode: true,
			withCeiling100: true,
			tunedFor: true,
		},
		{
			title: `10 executions × ${smoke ? 20 : 200} rows at once on 2 workers, 5-minute window`,
			budget: { ...long, neighbourShare: 0 },
			rowsFile: rows2k,
			executions: 10,
			withCeiling100: true,
		},
		{
			title: `10 executions × ${smoke ? 20 : 200} rows at once in one process, 5-minute window`,
			budget: { ...long, neighbourShare: 0 },
			rowsFile: rows2k,
			executions: 10,
			workers: 1,
		},
		{
			title: 'one execution beside a steady neighbour at 10% of the budget, 5-minute window',
			budget: { ...long, neighbourShare: 0.1 },
			rowsFile: rows2k,
			executions: 1,
		},
	];
	const shortCases: Case[] = [
		{
			title: `${smoke ? 200 : 600} rows, one execution, 4 s window`,
			budget: { ...short, neighbourShare: 0 },
			rowsFile: rows600,
			executions: 1,
			withTunedNode: true,
		},
		{
			title: `10 executions × ${smoke ? 20 : 200} rows at once on 2 workers, 4 s window`,
			budget: { ...short, neighbourShare: 0 },
			rowsFile: rows2k,
			executions: 10,
			withTunedNode: true,
		},
		{
			title: `10 executions × ${smoke ? 20 : 200} rows at once in one process, 4 s window`,
			budget: { ...short, neighbourShare: 0 },
			rowsFile: rows2k,
			executions: 10,
			workers: 1,
		},
		{
			title: 'one execution beside a steady neighbour at 10% of the budget, 4 s window',
			budget: { ...short, neighbourShare: 0.1 },
			rowsFile: rows600,
			executions: 1,
		},
	];
	// `npm run bench -- --case N`: only the Nth case (1 to 8), its table printed, nothing written.
	const only = process.argv.indexOf('--case');
	if (only !== -1) {
		const c = [...longCases, ...shortCases][Number(process.argv[only + 1]) - 1];
		const r = await runCase(c);
		console.log([`## ${c.title}`, '', ...caseTable(r)].join('\n'));
		return;
	}
	// The long cases run at once (each variant against its own simulator: minutes of waiting,
	// seconds of work); the short ones one after another, as their windows are seconds long.
	process.stderr.write('5-minute window cases, all variants at once:\n');
	const longResults = await Promise.all(longCases.map(runCase));
	process.stderr.write('4 s window cases, one after another:\n');
	const shortResults: CaseResult[] = [];
	for (const c of shortCases) shortResults.push(await runCase(c));

	process.stderr.write('10,000 rows, 0 latency, no budget:\n');
	const free = { callsPerWindow: 0, windowMs: 1000, inFlight: 4 };
	const rows10k = writeRows(smoke ? 1000 : 10_000);
	const node10k = await runVariant('node', [{ rowsFile: rows10k, settings: free }], null, 'node4');
	const http10k = await runVariant('httpDefaults', [{ rowsFile: rows10k, settings: free }], null);
	process.stderr.write('100,000 rows, 0 latency, no budget:\n');
	const node100k = await runVariant(
		'node',
		[{ rowsFile: writeRows(smoke ? 2000 : 100_000), settings: { ...free, inFlight: 8 } }],
		null,
	);

	const load = coldLoadMs();
	const size = distSize();
	const all = [...longCases, ...shortCases].map((c, index) => ({
		c,
		r: [...longResults, ...shortResults][index],
	}));
	const targets: string[] = [];
	for (const { c, r } of all) {
		const node = r.node;
		// Issue 27's targets: one execution 1.10×, ten in one process 1.15×, ten on 2 workers and
		// beside the neighbour 1.3×.
		const bound =
			c.budget.neighbourShare > 0 ? 1.3 : c.executions === 1 ? 1.1 : c.workers === 1 ? 1.15 : 1.3;
		const http = r.rows.find((m) => m.variant === 'httpTuned') as Metrics;
		targets.push(
			`| ${c.title} | 0 throttled calls | ${node.throttledCalls} | ${verdict(node.throttledCalls === 0)} |`,
			`| ${c.title} | wall ≤ ${bound}× the ideal at the ceiling | ${ratio(node, r.idealCeiling).toFixed(2)}× (${ratio(node, r.ideal100).toFixed(2)}× the ideal at 100%) | ${verdict(ratio(node, r.idealCeiling) <= bound)} |`,
			`| ${c.title} | 0 items failed by throttling, items in = items out | ${node.failedByThrottling}; ${node.itemsOut} of ${node.rows} | ${verdict(node.failedByThrottling === 0 && node.itemsOut === node.rows)} |`,
			// The HTTP Request node is tuned for exactly one case: one execution at the 5-minute
			// window. Being ahead of it is a target only where that tuning is wrong.
			`| ${c.title} | ahead of the HTTP Request node tuned by hand${c.tunedFor ? ' (tuned for this very case: not a target)' : ''} | ${s(node.wallMs)}, ${node.failedByThrottling} failed by throttling vs ${s(http.wallMs)}, ${http.failedByThrottling} | ${c.tunedFor ? (ahead(node, http) ? 'ahead' : 'behind') : verdict(ahead(node, http))} |`,
		);
		if (c.budget.neighbourShare > 0)
			targets.push(
				`| ${c.title} | the neighbour is never throttled | ${node.neighbourThrottled} of ${node.neighbourCalls} refused | ${verdict(node.neighbourThrottled === 0)} |`,
			);
		const today = r.rows.find((m) => m.variant === 'node100');
		if (today)
			targets.push(
				`| ${c.title} | Usage Ceiling 100: no slower than before (1.04× one execution, 1.01× ten) | ${ratio(today, r.ideal100).toFixed(2)}× the ideal at 100% | ${verdict(ratio(today, r.ideal100) <= (c.executions === 1 ? 1.04 : 1.01) + 0.02)} |`,
			);
	}
	const lines = [
		`# Benchmark results`,
		``,
		`Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; n8n-core and n8n-nodes-base 2.41; each worker of each variant in its own process, against the variant's own simulator process.`,
		``,
		`Budgets answered as Meta answers them: every answer carries \`X-Business-Use-Case-Usage\` and \`X-App-Usage\` with integer percentages; over the budget Meta's 80008 with \`estimated_time_to_regain_access\` in whole minutes and no \`Retry-After\`; 20 ms latency. Two time scales: 1,000 calls per business per sliding **5-minute** window (Meta's is an hour; the window must be several minutes long for whole-minute regain times to be as coarse as they are in real use), and 150 calls per sliding **4 s** window, where one throttle costs 15 windows. The neighbour is another system of the same business calling steadily at 10% of the budget (a GET on the pool), already for a window when the run starts. Rows in mixed formats, 1% invalid, 1% duplicate (items that fail by design in every variant that checks them; the HTTP Request node sends the invalid ones and Meta refuses them). The 5-minute cases ran at once, every variant against its own simulator (2 cores shared by up to ~20 processes that mostly wait); the 4 s cases one after another.`,
		``,
		`Ten executions: 2 worker processes, each running 5 executions at once in n8n-core's engine, as a queue-mode worker with \`--concurrency=5\` does (the real queue mode is tested by \`npm run test:queue\`); or all ten in one process, as n8n's main process in regular mode runs them. The executions of one process share one pacer per budget. The HTTP Request node keeps the batching tuned for one execution at the 5-minute window in every case.`,
		``,
		...all.flatMap(({ c, r }) => [
			`## ${c.title}`,
			``,
			...caseTable(r),
			``,
			`![${c.title}: Meta's usage over time with this node's default options, and each execution's sends](${pictureName(c.title)})`,
			``,
		]),
		`## Targets (default options, Usage Ceiling 90%)`,
		``,
		`| Case | Target | Measured | |`,
		`|---|---|---|---|`,
		...targets,
		``,
		`## Per-item cost, 10,000 rows, 0 latency, no budget`,
		``,
		`| Variant | Wall | CPU per 1k items | Peak RSS |`,
		`|---|---|---|---|`,
		...[node10k, http10k].map(
			(m) =>
				`| ${names[m.variant] ?? m.variant} | ${s(m.wallMs)} | ${m.cpuMsPerThousandItems.toFixed(0)} ms | ${m.peakRssMb.toFixed(0)} MB |`,
		),
		``,
		`This node's CPU per item is **${(node10k.cpuMsPerThousandItems / http10k.cpuMsPerThousandItems).toFixed(2)}×** the HTTP Request node's (it also normalizes and validates every number).`,
		``,
		`## The package`,
		``,
		`| Measure | Value |`,
		`|---|---|`,
		`| Cold load of the bundled node (median of 7, n8n-workflow already loaded) | ${load.toFixed(1)} ms |`,
		`| dist/ size (node bundle) | ${kb(size.total)} (${kb(size.node)}) |`,
		`| Peak RSS, 10,000 items | ${node10k.peakRssMb.toFixed(0)} MB |`,
		`| Peak RSS, 100,000 items | ${node100k.peakRssMb.toFixed(0)} MB (${s(node100k.wallMs)}, ${node100k.failed} failed) |`,
		``,
	];
	const text = lines.join('\n');
	writeFileSync(smoke ? join(work, 'RESULTS-smoke.md') : join(__dirname, 'RESULTS.md'), text);
	console.log(text);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
