/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Drives the real n8n CLI (Node 24, from the cache e2e/ensure-n8n.sh fills) with our package
// installed into its user folder's .n8n/nodes, as self-hosting users install it.
import { execFile, execFileSync, spawn } from 'child_process';
import type { StdioOptions } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { promisify } from 'util';

import { freePort } from '../helpers/freePort';

const run = promisify(execFile);
const root = join(__dirname, '../..');

export interface RealN8n {
	userFolder: string;
	env: NodeJS.ProcessEnv;
	node24: string;
	n8nBin: string;
	cli(args: string[]): Promise<string>;
	importCredential(credential: object): Promise<void>;
	importWorkflow(file: string): Promise<void>;
	execute(workflowId: string): Promise<Record<string, unknown>>;
}

/** The n8n version the e2e runs against: N8N_VERSION, 2.41.1 by default (1.123.81 tested too). */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';

export function ensureN8n(): { cache: string; node24: string; n8nBin: string } {
	const [cache, node24] = execFileSync('bash', [join(root, 'e2e/ensure-n8n.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 20 * 60_000,
		env: { ...process.env, N8N_VERSION },
	})
		.toString()
		.trim()
		.split('\n')
		.slice(-2);
	return { cache, node24, n8nBin: join(cache, 'n8n/node_modules/n8n/bin/n8n') };
}

/** Builds and packs the package; once per run when the e2e's global setup did it already. */
export function packPackage(): string {
	if (process.env.WBM_E2E_TARBALL) return process.env.WBM_E2E_TARBALL;
	execFileSync('npx', ['gulp', 'build'], { cwd: root, stdio: 'ignore' });
	const out = execFileSync(process.execPath, [join(root, 'scripts/pack.mjs')], { cwd: root });
	return (JSON.parse(out.toString()) as { tarball: string }).tarball;
}

/**
 * Installs the tarball into a user folder (a new temporary one by default) for the real n8n.
 * `extraEnv` reaches every command and server (queue mode's database and Redis settings).
 */
export async function startRealN8n(
	tarball: string,
	userFolder = mkdtempSync(join(tmpdir(), 'wbm-e2e-')),
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<RealN8n> {
	const { node24, n8nBin } = ensureN8n();
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesFolder, { recursive: true });
	writeFileSync(join(nodesFolder, 'package.json'), '{"name":"installed-nodes","private":true}\n');
	// HOME stays: npm reads the machine's registry settings from it.
	const env = {
		...process.env,
		PATH: `${dirname(node24)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'wbm-e2e-encryption-key-0123456789',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		// `execute` prints its result through the logger at level info, which is silent when
		// NODE_ENV is "test" (as Jest sets it).
		N8N_LOG_LEVEL: 'info',
		NODE_ENV: 'production',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_PYTHON_ENABLED: 'false',
		...extraEnv,
	};
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', tarball],
		{ cwd: nodesFolder, env, maxBuffer: 64 * 1024 * 1024 },
	);
	const cli = async (args: string[]) => {
		const { stdout, stderr } = await run(node24, [n8nBin, ...args], {
			env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			cwd: userFolder,
			maxBuffer: 256 * 1024 * 1024,
			timeout: 5 * 60_000,
		}).catch((error: { message: string; stdout?: string; stderr?: string }) => {
			// What n8n printed says why; the bare "Command failed" does not.
			const printed = `${error.stdout ?? ''}\n${error.stderr ?? ''}`.trim().slice(-4000);
			throw new Error(`${error.message.split('\n')[0]}\n${printed}`);
		});
		return stdout.search(/^\{$/m) === -1 ? `${stdout}\n${stderr}` : stdout;
	};
	return {
		userFolder,
		env,
		node24,
		n8nBin,
		cli,
		async importCredential(credential: object) {
			const file = join(userFolder, 'credential.json');
			writeFileSync(file, JSON.stringify([credential]));
			await cli(['import:credentials', `--input=${file}`]);
		},
		async importWorkflow(file: string) {
			await cli(['import:workflow', `--input=${file}`]);
		},
		async execute(workflowId: string) {
			const stdout = await cli(['execute', `--id=${workflowId}`, '--rawOutput']);
			// Log lines come before and sometimes after the run's JSON, which starts at the first
			// line that is "{".
			const start = stdout.search(/^\{$/m);
			if (start === -1) throw new Error(`n8n printed no result:\n${stdout.slice(0, 2000)}`);
			return JSON.parse(firstJsonObject(stdout, start)) as Record<string, unknown>;
		},
	};
}

/** The JSON object that starts at `start`, up to its matching closing brace. */
export function firstJsonObject(text: string, start: number): string {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') {
			inString = true;
		} else if (char === '{') {
			depth++;
		} else if (char === '}' && --depth === 0) {
			return text.slice(start, i + 1);
		}
	}
	throw new Error('n8n printed an unfinished JSON result');
}

export interface N8nServer {
	url: string;
	stop(): Promise<void>;
}

/** Starts `n8n start` on 127.0.0.1:`port` and waits until /healthz/readiness answers. */
export async function startN8nServer(
	n8n: RealN8n,
	port: number,
	stdio: StdioOptions = 'ignore',
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<N8nServer> {
	// Each n8n has its own task broker port: n8n's default (5679) may still be held by an n8n
	// that another test file stopped a moment ago, and `execute` would then fail.
	const brokerPort = String(await freePort());
	const child = spawn(n8n.node24, [n8n.n8nBin, 'start'], {
		env: {
			...n8n.env,
			N8N_RUNNERS_BROKER_PORT: brokerPort,
			...extraEnv,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		},
		stdio,
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}`);
		try {
			if ((await fetch(`${url}/healthz/readiness`)).ok) break;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) throw new Error('n8n did not start in 120 s');
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return {
		url,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}
