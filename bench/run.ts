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
	/** The small execution started during the run (see LateCase). */
	late?: { startedAt: number; endedAt: number; wallMs: number; failed: number; itemsOut: number };
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
	/** A small execution started in the same process `afterMs` into the run. */
	late?: { rowsFile: string; afterMs: number };
}

/**
 * Rows as a spreadsheet export holds them: mixed formats, 1% invalid, 1% duplicate. Numbers
 * from row `from` on (another execution's rows are other numbers).
 */
function writeRows(count: number, from = 0): string {
	const formats = [
		(d: string) => `+1 (${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`,
		(d: string) => d,
		(d: string) => `+1-${d.slice(1, 4)}-${d.slice(4, 7)}-${d.slice(7)}`,
		(d: string) => Number(d),
		(d: string) => `+1 ${d.slice(1, 4)}.${d.slice(4, 7)}.${d.slice(7)}`,
	];
	const rows = [];
	for (let i = from; i < from + count; i++) {
		const digits = `1631${2000000 + i}`;
		if (i % 100 === 99) rows.push({ row: i, phone: `call me ${i}` });
		else if (i % 100 === 98) rows.push({ row: i, phone: `+1631${2000000 + i - 50}` });
		else rows.push({ row: i, phone: formats[i % formats.length](digits) });
	}
	const file = join(work, `rows-${count}${from ? `-from-${from}` : ''}.json`);
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
			late: parts.find((part) => part.late)?.late,
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
	/** The default-options row of the table: the first of `nodeRuns`. */
	node: Metrics;
	rows: Metrics[];
	/** Every run of this node with default options, the table's first. */
	nodeRuns: Metrics[];
}

/** A window of seconds: its variants run one after another, as any other load would skew them. */
const isShort = (budget: Budget) => budget.windowMs < 60_000;

/**
 * Runs of this node with default options per case (every one reported): 5 at the 4 s window,
 * 2 at the 5-minute one; 2 and 1 in the smoke run.
 */
function runsOf(budget: Budget): number {
	if (process.env.BENCH_SMOKE === '1') return isShort(budget) ? 2 : 1;
	return isShort(budget) ? 5 : 2;
}

/** Thunks run one after another (short windows) or all at once (long ones, mostly waiting). */
async function runAll(budget: Budget, thunks: Array<() => Promise<Metrics>>): Promise<Metrics[]> {
	if (!isShort(budget)) return await Promise.all(thunks.map(async (thunk) => await thunk()));
	const results: Metrics[] = [];
	for (const thunk of thunks) results.push(await thunk());
	return results;
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
	const thunks: Array<() => Promise<Metrics>> = [
		async () =>
			await runVariant(
				'ideal',
				[{ rowsFile: c.rowsFile, settings: ideal(1 - neighbourShare) }],
				c.budget,
				'ideal100',
			),
		async () =>
			await runVariant(
				'ideal',
				[{ rowsFile: c.rowsFile, settings: ideal(CEILING / 100 - neighbourShare) }],
				c.budget,
				'idealCeiling',
			),
		async () => await runVariant('node', workers(node({})), c.budget, 'node'),
		async () => await runVariant('httpTuned', workers(http), c.budget, 'httpTuned'),
	];
	if (c.withTunedNode)
		thunks.push(
			async () =>
				await runVariant('node', workers(node({ requestsInFlight: 4 })), c.budget, 'node4'),
		);
	if (c.withCeiling100)
		thunks.push(
			async () =>
				await runVariant(
					'node',
					workers(node({ requestsInFlight: 4, usageCeilingPercent: 100 })),
					c.budget,
					'node100',
				),
		);
	const extra = runsOf(c.budget) - 1;
	for (let run = 0; run < extra; run++)
		thunks.push(async () => await runVariant('node', workers(node({})), c.budget, 'node'));
	const all = await runAll(c.budget, thunks);
	const rows = all.slice(0, all.length - extra);
	const [ideal100, idealCeiling, nodeRow] = rows;
	writePicture(c.title, c.budget, nodeRow, executionsBy(c), c.executions);
	return {
		ideal100,
		idealCeiling,
		node: nodeRow,
		rows,
		nodeRuns: [nodeRow, ...all.slice(all.length - extra)],
	};
}

/**
 * A small execution (5 rows) started in the same process while a 2,000-row one runs, beside
 * the same 5 rows alone: the pacer serves runs in turn, so the small one is not queued behind.
 */
interface LateCase {
	title: string;
	budget: Budget;
	bigRowsFile: string;
	smallRowsFile: string;
	/** When the small execution starts, from the big one's start. */
	afterMs: number;
}

interface LateResult {
	/** The small execution alone, once per run. */
	alone: Metrics[];
	/** The big execution with the small one started in it, once per run. */
	together: Metrics[];
}

async function runLateCase(c: LateCase): Promise<LateResult> {
	const settings = (late?: Settings['late']): Settings => ({
		callsPerWindow: c.budget.callsPerWindow,
		windowMs: c.budget.windowMs,
		inFlight: 1,
		nodeOptions: {},
		late,
	});
	const runs = runsOf(c.budget);
	const thunks: Array<() => Promise<Metrics>> = [];
	for (let run = 0; run < runs; run++) {
		thunks.push(
			async () =>
				await runVariant(
					'node',
					[{ rowsFile: c.smallRowsFile, settings: settings() }],
					c.budget,
					'alone',
				),
			async () =>
				await runVariant(
					'node',
					[
						{
							rowsFile: c.bigRowsFile,
							settings: settings({ rowsFile: c.smallRowsFile, afterMs: c.afterMs }),
						},
					],
					c.budget,
					'node',
				),
		);
	}
	const all = await runAll(c.budget, thunks);
	const together = all.filter((m) => m.variant === 'node');
	const bigRows = rowCount(c.bigRowsFile);
	writePicture(c.title, c.budget, together[0], (row) => (row < bigRows ? 0 : 1), 2);
	return { alone: all.filter((m) => m.variant === 'alone'), together };
}

/** Which execution of a case sent the row numbered `row` (its place in the rows file). */
function executionsBy(c: Case): (row: number) => number | null {
	const count = rowCount(c.rowsFile);
	const half = Math.ceil(count / 2);
	return (row) => {
		if (row >= count) return null;
		if (c.executions === 1) return 0;
		if (c.workers === 1) return Math.floor(row / Math.ceil(count / 10));
		const worker = row < half ? 0 : 1;
		return worker * 5 + Math.floor((row - worker * half) / Math.ceil(half / 5));
	};
}

const rowCount = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length;

/** The file name of a case's picture: its title in lowercase words. */
export const pictureName = (title: string) =>
	`usage-${title
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}.svg`;

/**
 * bench/usage-<case>.svg: the default-options run's usage over time and each execution's sends;
 * `executionBy` tells the execution from the row number a request's phone digits carry.
 */
function writePicture(
	title: string,
	budget: Budget,
	node: Metrics,
	executionBy: (row: number) => number | null,
	executions: number,
): void {
	if (!node.timeline) return;
	const executionOf = (digits: string | null): number | null => {
		if (!digits) return null;
		const row = Number(digits.slice(4)) - 2_000_000;
		return Number.isInteger(row) && row >= 0 ? executionBy(row) : null;
	};
	const svg = usageSvg({
		title: `${title}: this node, default options`,
		timeline: node.timeline,
		callsPerWindow: budget.callsPerWindow,
		windowMs: budget.windowMs,
		ceilingPercent: CEILING,
		executionOf,
		executions,
	});
	const dir = process.env.BENCH_SMOKE === '1' ? work : __dirname;
	writeFileSync(join(dir, pictureName(title)), svg);
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

/** Every run of this node with default options: the spread the table's one row comes from. */
function spreadTable(r: CaseResult): string[] {
	const neighbour = r.node.neighbourCalls !== undefined;
	return [
		`Every run of this node with default options (run 1 is the row above):`,
		``,
		`| Run | Wall | × ideal at ceiling | Throttled calls | Highest usage | Failed by throttling |${neighbour ? ' Neighbour refused |' : ''}`,
		`|---|---|---|---|---|---|${neighbour ? '---|' : ''}`,
		...r.nodeRuns.map(
			(m, run) =>
				`| ${run + 1} | ${s(m.wallMs)} | ${ratio(m, r.idealCeiling).toFixed(2)} | ${m.throttledCalls} | ${m.highestUsage}% | ${m.failedByThrottling} |${neighbour ? ` ${m.neighbourThrottled} of ${m.neighbourCalls} |` : ''}`,
		),
	];
}

/** A difference of times, with its sign. */
const signed = (ms: number) => `${ms < 0 ? '−' : '+'}${s(Math.abs(ms))}`;

/** The small execution's wall time inside the big run (0 if it did not run). */
const lateWall = (m: Metrics) => m.late?.wallMs ?? 0;

function lateTable(c: LateCase, r: LateResult): string[] {
	return [
		`Default options. The 5 rows alone, then started ${s(c.afterMs)} into the big execution in the same process (one pacer for both), once per run.`,
		``,
		`| Run | 5 rows alone | 5 rows during the big run | Later by | Wall of both | Throttled calls | Items out (big + small) |`,
		`|---|---|---|---|---|---|---|`,
		...r.together.map(
			(m, run) =>
				`| ${run + 1} | ${s(r.alone[run].wallMs)} | ${s(lateWall(m))} | ${signed(lateWall(m) - r.alone[run].wallMs)} | ${s(m.wallMs)} | ${m.throttledCalls} | ${m.itemsOut} + ${m.late?.itemsOut ?? 0} |`,
		),
	];
}

const picture = (title: string) =>
	`![${title}: Meta's usage over time with this node's default options, and each execution's sends](${pictureName(title)})`;

const everyRun = (runs: Metrics[], holds: (m: Metrics) => boolean) =>
	runs.every(holds) ? 'met' : `**missed** (${runs.filter(holds).length} of ${runs.length} runs)`;

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
	// A 5-row execution started a window and a half into a 2,000-row one, in the same process.
	const lateCase = (budget: Omit<Budget, 'neighbourShare'>, scale: string): LateCase => ({
		title: `5 rows started while ${smoke ? 200 : '2,000'} rows run, one process, ${scale} window`,
		budget: { ...budget, neighbourShare: 0 },
		bigRowsFile: rows2k,
		smallRowsFile: writeRows(5, smoke ? 200 : 2000),
		afterMs: 1.5 * budget.windowMs,
	});
	const lateCases = [lateCase(long, '5-minute'), lateCase(short, '4 s')];
	// `npm run bench -- --case N`: only the Nth case (1 to 8, then the small execution's 9 and
	// 10), its tables printed, nothing written.
	const only = process.argv.indexOf('--case');
	if (only !== -1) {
		const index = Number(process.argv[only + 1]) - 1;
		const cases = [...longCases, ...shortCases];
		if (index >= cases.length) {
			const c = lateCases[index - cases.length];
			console.log([`## ${c.title}`, '', ...lateTable(c, await runLateCase(c))].join('\n'));
			return;
		}
		const c = cases[index];
		const r = await runCase(c);
		console.log([`## ${c.title}`, '', ...caseTable(r), '', ...spreadTable(r)].join('\n'));
		return;
	}
	// The long cases run at once (each variant against its own simulator: minutes of waiting,
	// seconds of work); the short ones and their variants one after another, as their windows
	// are seconds long and any other load would skew them.
	process.stderr.write('5-minute window cases, all variants and runs at once:\n');
	const [longResults, longLate] = await Promise.all([
		Promise.all(longCases.map(runCase)),
		runLateCase(lateCases[0]),
	]);
	process.stderr.write('4 s window cases, one run after another:\n');
	const shortResults: CaseResult[] = [];
	for (const c of shortCases) shortResults.push(await runCase(c));
	const shortLate = await runLateCase(lateCases[1]);
	const lateResults = [longLate, shortLate];

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
		const runs = r.nodeRuns;
		// Issue 27's targets: one execution 1.10×, ten in one process 1.15×, ten on 2 workers and
		// beside the neighbour 1.3×; each must hold in every run.
		const bound =
			c.budget.neighbourShare > 0 ? 1.3 : c.executions === 1 ? 1.1 : c.workers === 1 ? 1.15 : 1.3;
		const http = r.rows.find((m) => m.variant === 'httpTuned') as Metrics;
		targets.push(
			`| ${c.title} | 0 throttled calls in every run | ${runs.map((m) => m.throttledCalls).join(', ')} | ${everyRun(runs, (m) => m.throttledCalls === 0)} |`,
			`| ${c.title} | wall ≤ ${bound.toFixed(2)}× the ideal at the ceiling in every run | ${runs.map((m) => `${ratio(m, r.idealCeiling).toFixed(2)}×`).join(', ')} | ${everyRun(runs, (m) => ratio(m, r.idealCeiling) <= bound)} |`,
			`| ${c.title} | 0 items failed by throttling, items in = items out, in every run | ${runs.map((m) => `${m.failedByThrottling}; ${m.itemsOut} of ${m.rows}`).join(' · ')} | ${everyRun(runs, (m) => m.failedByThrottling === 0 && m.itemsOut === m.rows)} |`,
			// The HTTP Request node is tuned for exactly one case: one execution at the 5-minute
			// window. Being ahead of it is a target only where that tuning is wrong.
			`| ${c.title} | ahead of the HTTP Request node tuned by hand${c.tunedFor ? ' (tuned for this very case: not a target)' : ''} | ${s(node.wallMs)}, ${node.failedByThrottling} failed by throttling vs ${s(http.wallMs)}, ${http.failedByThrottling} | ${c.tunedFor ? (ahead(node, http) ? 'ahead' : 'behind') : verdict(ahead(node, http))} |`,
		);
		if (c.budget.neighbourShare > 0)
			targets.push(
				`| ${c.title} | the neighbour is never throttled, in every run | ${runs.map((m) => `${m.neighbourThrottled} of ${m.neighbourCalls}`).join(', ')} refused | ${everyRun(runs, (m) => m.neighbourThrottled === 0)} |`,
			);
		const today = r.rows.find((m) => m.variant === 'node100');
		if (today)
			targets.push(
				`| ${c.title} | Usage Ceiling 100 as fast as before: ≤ 1.05× the ideal at 100% | ${ratio(today, r.ideal100).toFixed(2)}× the ideal at 100% | ${verdict(ratio(today, r.ideal100) <= 1.05)} |`,
			);
	}
	for (const [index, c] of lateCases.entries()) {
		const { alone, together } = lateResults[index];
		const late = together.map((m, run) => lateWall(m) - alone[run].wallMs);
		targets.push(
			`| ${c.title} | the 5 rows finish within one window (${s(c.budget.windowMs)}) of their time alone, in every run | ${late.map(signed).join(', ')} | ${verdict(late.every((ms) => ms <= c.budget.windowMs))} |`,
		);
	}
	const lines = [
		`# Benchmark results`,
		``,
		`Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; n8n-core and n8n-nodes-base 2.41; each worker of each variant in its own process, against the variant's own simulator process.`,
		``,
		`Budgets answered as Meta answers them: every answer carries \`X-Business-Use-Case-Usage\` and \`X-App-Usage\` with integer percentages; over the budget Meta's 80008 with \`estimated_time_to_regain_access\` in whole minutes and no \`Retry-After\`; 20 ms latency. Two time scales: 1,000 calls per business per sliding **5-minute** window (Meta's is an hour; the window must be several minutes long for whole-minute regain times to be as coarse as they are in real use), and 150 calls per sliding **4 s** window, where one throttle costs 15 windows. The neighbour is another system of the same business calling steadily at 10% of the budget (a GET on the pool), already for a window when the run starts. Rows in mixed formats, 1% invalid, 1% duplicate (items that fail by design in every variant that checks them; the HTTP Request node sends the invalid ones and Meta refuses them). The 5-minute cases ran at once, every variant and run against its own simulator (2 cores shared by up to ~30 processes that mostly wait); the 4 s cases, their variants and their runs one after another. This node with default options ran ${runsOf({ ...short, neighbourShare: 0 })} times in each 4 s case and ${runsOf({ ...long, neighbourShare: 0 })} times in each 5-minute one: every run is reported, and a target is met only if every run meets it.`,
		``,
		`Ten executions: 2 worker processes, each running 5 executions at once in n8n-core's engine, as a queue-mode worker with \`--concurrency=5\` does (the real queue mode is tested by \`npm run test:queue\`); or all ten in one process, as n8n's main process in regular mode runs them. The executions of one process share one pacer per budget. The HTTP Request node keeps the batching tuned for one execution at the 5-minute window in every case.`,
		``,
		...all.flatMap(({ c, r }) => [
			`## ${c.title}`,
			``,
			...caseTable(r),
			``,
			...spreadTable(r),
			``,
			picture(c.title),
			``,
		]),
		...lateCases.flatMap((c, index) => [
			`## ${c.title}`,
			``,
			...lateTable(c, lateResults[index]),
			``,
			picture(c.title),
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
