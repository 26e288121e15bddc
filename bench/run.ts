/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark code: runs in Node.js, never inside n8n */
// npm run bench: this node against what users build today, in one run, on this machine.
// Writes bench/RESULTS.md and prints it. Not part of npm test.
import { execFileSync, spawn } from 'child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'fs';
import { cpus, totalmem } from 'os';
import { join } from 'path';

const root = join(__dirname, '..');
const work = join(root, '.tmp', 'bench');
const tsx = join(root, 'node_modules/.bin/tsx');
const TOKEN = 'EAABenchmarkToken';
const BUSINESS = '1234567890123456';
mkdirSync(work, { recursive: true });

interface Metrics {
	variant: string;
	rows: number;
	wallMs: number;
	cpuMsPerThousandItems: number;
	peakRssMb: number;
	failed: number;
	failedByThrottling: number;
	itemsOut: number;
	calls?: number;
	throttledCalls?: number;
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
		async stats() {
			const response = await fetch(`${baseUrl}/__simulator/stats`);
			return (await response.json()) as {
				requests: number;
				throttled: number;
				duplicateAdds: number;
			};
		},
		stop() {
			child.removeAllListeners('exit');
			child.kill('SIGTERM');
		},
	};
}

async function runVariant(
	variant: string,
	rowsFile: string,
	simulatorArgs: string[],
	settings: { callsPerWindow: number; windowMs: number; inFlight: number },
): Promise<Metrics> {
	const simulator = await startSimulator(simulatorArgs);
	try {
		const output = execFileSync(
			tsx,
			[
				join(__dirname, 'variant.ts'),
				variant,
				simulator.baseUrl,
				rowsFile,
				JSON.stringify({ token: TOKEN, businessId: BUSINESS, ...settings }),
			],
			{ maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
		).toString();
		const metrics = JSON.parse(output.trim().split('\n').pop() as string) as Metrics;
		const stats = await simulator.stats();
		if (stats.duplicateAdds > 0)
			console.error(`${variant}: ${stats.duplicateAdds} numbers added twice`);
		process.stderr.write(`  ${variant}: ${(metrics.wallMs / 1000).toFixed(1)} s\n`);
		return { ...metrics, calls: stats.requests, throttledCalls: stats.throttled };
	} finally {
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

async function main() {
	const budget = { callsPerWindow: 150, windowMs: 2000, inFlight: 4 };
	const budgetArgs = [
		'--latency',
		'20',
		'--calls-per-window',
		'150',
		'--window-ms',
		'2000',
		'--retry-after',
	];
	const rows2k = writeRows(2000);
	process.stderr.write('2,000 rows, 20 ms latency, budget 150 calls per 2 s window:\n');
	const budgeted: Metrics[] = [];
	for (const variant of ['ideal', 'node', 'httpDefaults', 'httpTuned']) {
		budgeted.push(await runVariant(variant, rows2k, budgetArgs, budget));
	}
	const ideal = budgeted[0];

	process.stderr.write('10,000 rows, 0 latency, no budget:\n');
	const free = { callsPerWindow: 0, windowMs: 1000, inFlight: 4 };
	const rows10k = writeRows(10_000);
	const node10k = await runVariant('node', rows10k, [], free);
	const http10k = await runVariant('httpDefaults', rows10k, [], free);
	process.stderr.write('100,000 rows, 0 latency, no budget:\n');
	const node100k = await runVariant('node', writeRows(100_000), [], { ...free, inFlight: 8 });

	const load = coldLoadMs();
	const size = distSize();
	const names: Record<string, string> = {
		ideal: 'Ideal loop (knows the budget; physical limit)',
		node: 'This node (4 in flight, pacing)',
		httpDefaults: 'Edit Fields + HTTP Request, defaults',
		httpTuned: 'Edit Fields + HTTP Request, batching 150/2 s + Retry On Fail',
	};
	const lines = [
		`# Benchmark results`,
		``,
		`Measured ${new Date().toISOString().slice(0, 10)} by \`npm run bench\` on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; n8n-core and n8n-nodes-base 2.41; every variant in its own process against its own simulator process.`,
		``,
		`## 2,000 rows at the rate limit`,
		``,
		`Rows in mixed formats (1% invalid, 1% duplicate); simulator latency 20 ms, budget 150 calls per sliding 2 s window (a precise Retry-After stands in for Meta's minute-grained regain time at this time scale).`,
		``,
		`| Variant | Wall | × ideal | Calls | Throttled calls | Items failed | Failed by throttling | CPU per 1k items | Peak RSS |`,
		`|---|---|---|---|---|---|---|---|---|`,
		...budgeted.map(
			(m) =>
				`| ${names[m.variant]} | ${s(m.wallMs)} | ${(m.wallMs / ideal.wallMs).toFixed(2)} | ${m.calls} | ${m.throttledCalls} | ${m.failed} | ${m.failedByThrottling} | ${m.cpuMsPerThousandItems.toFixed(0)} ms | ${m.peakRssMb.toFixed(0)} MB |`,
		),
		``,
		`## Per-item cost, 10,000 rows, 0 latency, no budget`,
		``,
		`| Variant | Wall | CPU per 1k items | Peak RSS |`,
		`|---|---|---|---|`,
		...[node10k, http10k].map(
			(m) =>
				`| ${names[m.variant]} | ${s(m.wallMs)} | ${m.cpuMsPerThousandItems.toFixed(0)} ms | ${m.peakRssMb.toFixed(0)} MB |`,
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
	writeFileSync(join(__dirname, 'RESULTS.md'), text);
	console.log(text);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
