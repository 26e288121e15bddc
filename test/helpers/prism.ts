/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Starts Stoplight Prism on 127.0.0.1 serving Meta's OpenAPI contract with --errors, behind a
// small recording proxy that keeps every exchange and its `sl-violations` header.
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import type { ChildProcess } from 'child_process';
import { createServer, request as httpRequest } from 'http';
import type { Server } from 'http';
import type { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

import { freePort } from './freePort';

export const SPEC_PATH = join(__dirname, '../contract/meta-business-messaging-openapi-v23.0.yaml');

export interface Exchange {
	method: string;
	path: string;
	requestHeaders: Record<string, string | string[] | undefined>;
	requestBody: string;
	status: number;
	violations: unknown[];
	responseBody: string;
}

export interface PrismServer {
	baseUrl: string;
	exchanges: Exchange[];
	/** Sent to Prism as `Prefer` on every proxied request, e.g. 'code=429'; undefined for none. */
	prefer: string | undefined;
	stop(): Promise<void>;
}

function waitForPrism(child: ChildProcess, output: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`Prism did not start in 60 s:\n${output.join('')}`)),
			60_000,
		);
		const onData = (chunk: Buffer) => {
			output.push(chunk.toString());
			if (chunk.toString().includes('Prism is listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Prism exited with ${code}:\n${output.join('')}`));
		});
	});
}

/**
 * A copy of Meta's contract without some operations, for paths Prism cannot route: it sends a
 * request matching several templates (e.g. DELETE /{Version}/{group_id}, /{Media-ID},
 * /{Flow-ID} and /{Pre-Verified-Phone-Number-ID}) to the first one in the document.
 */
export function specWithout(operations: Array<[path: string, method: string]>): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { load } = require('js-yaml') as typeof import('js-yaml');
	const spec = load(readFileSync(SPEC_PATH, 'utf8')) as {
		paths: Record<string, Record<string, unknown>>;
	};
	for (const [path, method] of operations) delete spec.paths[path]?.[method];
	const file = join(mkdtempSync(join(tmpdir(), 'wbm-spec-')), 'spec.json');
	writeFileSync(file, JSON.stringify(spec));
	return file;
}

/** The contract with only these paths (and every component): no other path template can match. */
export function specOnly(paths: string[]): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { load } = require('js-yaml') as typeof import('js-yaml');
	const spec = load(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, unknown> };
	spec.paths = Object.fromEntries(paths.map((path) => [path, spec.paths[path]]));
	const file = join(mkdtempSync(join(tmpdir(), 'wbm-spec-')), 'spec.json');
	writeFileSync(file, JSON.stringify(spec));
	return file;
}

export async function startPrism(specPath = SPEC_PATH): Promise<PrismServer> {
	const prismPort = await freePort();
	const prismBin = require.resolve('@stoplight/prism-cli/dist/index.js');
	const child = spawn(
		process.execPath,
		[prismBin, 'mock', specPath, '--errors', '-h', '127.0.0.1', '-p', String(prismPort)],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	const output: string[] = [];
	await waitForPrism(child, output);
	child.removeAllListeners('exit');

	const exchanges: Exchange[] = [];
	const state: { prefer: string | undefined } = { prefer: undefined };
	const proxy: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const requestBody = Buffer.concat(chunks).toString();
			const upstream = httpRequest(
				{
					host: '127.0.0.1',
					port: prismPort,
					method: req.method,
					path: req.url,
					headers: state.prefer ? { ...req.headers, prefer: state.prefer } : req.headers,
					// A new connection each: a kept-alive socket that Prism closed after a request
					// marked "connection: close" answers the next one 400 with no body.
					agent: false,
				},
				(up) => {
					const out: Buffer[] = [];
					up.on('data', (c: Buffer) => out.push(c));
					up.on('end', () => {
						const responseBody = Buffer.concat(out).toString();
						const raw = up.headers['sl-violations'];
						exchanges.push({
							method: req.method ?? '',
							path: req.url ?? '',
							requestHeaders: req.headers,
							requestBody,
							status: up.statusCode ?? 0,
							violations: raw ? (JSON.parse(String(raw)) as unknown[]) : [],
							responseBody,
						});
						res.writeHead(up.statusCode ?? 502, up.headers);
						res.end(responseBody);
					});
				},
			);
			upstream.on('error', (error) => {
				res.writeHead(502);
				res.end(String(error));
			});
			upstream.end(requestBody);
		});
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const { port } = proxy.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		exchanges,
		get prefer() {
			return state.prefer;
		},
		set prefer(value: string | undefined) {
			state.prefer = value;
		},
		async stop() {
			await new Promise((resolve) => proxy.close(resolve));
			child.kill('SIGTERM');
		},
	};
}
