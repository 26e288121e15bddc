/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code: starts Redis, PostgreSQL and n8n in Node.js, never inside n8n */
// n8n's queue mode on this machine, for real: Redis and PostgreSQL from Debian's packages (each
// on a free loopback port, in a temporary folder), the real n8n main and its workers, with our
// packed package in the user folder they share. Everything started here is stopped by stop().
import { execFileSync, spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { connect } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from '../helpers/freePort';
import { startN8nServer, startRealN8n } from '../e2e/realN8n';
import type { N8nServer, RealN8n } from '../e2e/realN8n';

const root = join(__dirname, '../..');

export interface Worker {
	name: string;
	process: ChildProcess;
	/** SIGKILL, as a crashed machine or an OOM kill would end it: no clean shutdown. */
	kill(): void;
}

export interface QueueMode {
	n8n: RealN8n;
	main: N8nServer;
	workers: Worker[];
	/** The last lines each process wrote, to explain a failure. */
	logs(): string;
	stop(): Promise<void>;
}

/** Installs redis-server and PostgreSQL when missing; their paths. */
function ensureServices(): { redisServer: string; pgBin: string } {
	const [redisServer, pgBin] = execFileSync('bash', [join(root, 'e2e/ensure-queue-services.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 15 * 60_000,
	})
		.toString()
		.trim()
		.split('\n')
		.slice(-2);
	return { redisServer, pgBin };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function redisAnswersPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('error', () => resolve(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
	});
}

/** Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(command: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
}

function spawnLogged(
	folder: string,
	name: string,
	command: string,
	args: string[],
	env?: NodeJS.ProcessEnv,
) {
	const log = openSync(join(folder, `${name}.log`), 'a');
	return spawn(command, args, { env, stdio: ['ignore', log, log] });
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
	if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * Starts Redis, PostgreSQL, then (after `prepare` has imported credentials and workflows through
 * n8n's CLI) the n8n main and `workers` workers with `--concurrency=concurrency`. Each n8n process
 * gets its own task-runner broker port: n8n 2.x needs that for several processes on one host.
 */
export async function startQueueMode(options: {
	tarball: string;
	workers: number;
	concurrency: number;
	prepare: (n8n: RealN8n) => Promise<void>;
}): Promise<QueueMode> {
	const { redisServer, pgBin } = ensureServices();
	const folder = mkdtempSync(join(tmpdir(), 'wbm-queue-'));
	chmodSync(folder, 0o755);
	const started: ChildProcess[] = [];
	const names: string[] = [];
	const track = (name: string, child: ChildProcess) => {
		started.push(child);
		names.push(name);
		return child;
	};
	let main: N8nServer | undefined;
	const stop = async () => {
		await main?.stop();
		for (const child of [...started].reverse()) await stopProcess(child, 'SIGINT');
		rmSync(folder, { recursive: true, force: true });
	};

	try {
		const redisPort = await freePort();
		track(
			'redis',
			spawnLogged(folder, 'redis', redisServer, [
				'--port',
				String(redisPort),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				folder,
			]),
		);
		await waitFor('Redis answering PING', () => redisAnswersPing(redisPort), 30_000);

		const pgPort = await freePort();
		const data = join(folder, 'pg');
		mkdirSync(data, { mode: 0o700 });
		if (process.getuid?.() === 0) {
			const postgresUser = execFileSync('id', ['-u', 'postgres']).toString().trim();
			const postgresGroup = execFileSync('id', ['-g', 'postgres']).toString().trim();
			chownSync(data, Number(postgresUser), Number(postgresGroup));
		}
		execFileSync(
			...asPostgres(join(pgBin, 'initdb'), [
				'-D',
				data,
				'-A',
				'trust',
				'-U',
				'postgres',
				'--no-sync',
			]),
			{ stdio: 'ignore' },
		);
		track(
			'postgres',
			spawnLogged(
				folder,
				'postgres',
				...asPostgres(join(pgBin, 'postgres'), [
					'-D',
					data,
					'-p',
					String(pgPort),
					'-k',
					data,
					'-c',
					'listen_addresses=127.0.0.1',
					'-c',
					'fsync=off',
				]),
			),
		);
		await waitFor(
			'PostgreSQL accepting connections',
			async () => {
				execFileSync(join(pgBin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)], {
					stdio: 'ignore',
				});
				return true;
			},
			60_000,
		);
		execFileSync(
			join(pgBin, 'psql'),
			['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'],
			{ stdio: 'ignore' },
		);

		const n8n = await startRealN8n(options.tarball, join(folder, 'n8n'), {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(pgPort),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			N8N_LOG_LEVEL: 'warn',
		});
		await options.prepare(n8n);

		const mainLog = openSync(join(folder, 'main.log'), 'a');
		main = await startN8nServer(n8n, await freePort(), ['ignore', mainLog, mainLog], {
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const workers: Worker[] = [];
		for (let index = 1; index <= options.workers; index++) {
			const name = `worker${index}`;
			const healthPort = await freePort();
			const child = track(
				name,
				spawnLogged(
					folder,
					name,
					n8n.node24,
					[n8n.n8nBin, 'worker', `--concurrency=${options.concurrency}`],
					{
						...n8n.env,
						N8N_RUNNERS_BROKER_PORT: String(await freePort()),
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					},
				),
			);
			await waitFor(
				`${name} ready`,
				async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok,
				120_000,
			);
			workers.push({ name, process: child, kill: () => child.kill('SIGKILL') });
		}
		return {
			n8n,
			main,
			workers,
			logs: () =>
				['main', ...names]
					.map((name) => {
						let text = '';
						try {
							text = readFileSync(join(folder, `${name}.log`), 'utf8');
						} catch {
							text = '(no log)';
						}
						return `--- ${name}\n${text.split('\n').slice(-30).join('\n')}`;
					})
					.join('\n'),
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
