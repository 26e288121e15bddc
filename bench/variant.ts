/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark code: runs in Node.js, never inside n8n */
// One benchmark variant in its own process, so that its CPU time and peak RSS are its own:
//   tsx bench/variant.ts <variant> <simulator base URL> <rows.json> <settings JSON>
// With settings.executions > 1 the process plays a queue-mode worker: that many executions at
// once, each with an equal share of the rows. Prints one JSON line of metrics, with the start
// and end times so that several workers' runs can be put together. The simulator runs in
// another process.
import '../test/helpers/setupEnv';

import { readFileSync } from 'fs';
import { join } from 'path';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_NODE_TYPE, RowsTrigger, runWorkflow } from '../test/helpers/engine';
import type { NodeTypeMap, WorkflowFile } from '../test/helpers/engine';

interface Settings {
	token: string;
	businessId: string;
	callsPerWindow: number;
	windowMs: number;
	inFlight: number;
	/** Executions at once in this process (a queue-mode worker's), each with its share of rows. */
	executions?: number;
	/** The node's Options: its defaults when empty. */
	nodeOptions?: Record<string, number | string>;
	/** The HTTP Request node's batching, as tuned by hand. */
	httpBatch?: { size: number; intervalMs: number };
	/** A small execution started in this process `afterMs` into the run, with its own rows. */
	late?: { rowsFile: string; afterMs: number };
}

const [variant, baseUrl, rowsFile, settingsJson] = process.argv.slice(2);
const settings = JSON.parse(settingsJson) as Settings;
const rows = JSON.parse(readFileSync(rowsFile, 'utf8')) as IDataObject[];
const addUrl = `${baseUrl}/v23.0/${settings.businessId}/add_phone_numbers`;

function nodeTypes(): NodeTypeMap {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const base = (path: string) => require(`n8n-nodes-base/dist/nodes/${path}`);
	const { WhatsAppBusinessManagement } = require(
		join(__dirname, '../dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js'),
	);
	return {
		'n8n-nodes-base.manualTrigger': new RowsTrigger(),
		'n8n-nodes-base.set': new (base('Set/Set.node.js').Set)(),
		'n8n-nodes-base.httpRequest': new (base('HttpRequest/HttpRequest.node.js').HttpRequest)(),
		[PACKAGE_NODE_TYPE]: new WhatsAppBusinessManagement(),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
}

function chain(nodes: INode[], inputRows: IDataObject[]): WorkflowFile {
	const all: INode[] = [
		{
			id: 'rows',
			name: 'Rows',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { rows: JSON.stringify(inputRows) },
		},
		...nodes,
	];
	const connections: WorkflowFile['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: variant, nodes: all, connections };
}

// What users build today: strip symbols (a Code node in the editor; Edit Fields here, as the
// Code node needs n8n's task runner), then POST with the HTTP Request node.
const stripSymbols: INode = {
	id: 'strip',
	name: 'Strip symbols',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [200, 0],
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{
					id: 'p',
					name: 'phone',
					value: "={{ '+' + String($json.phone).replace(/\\D/g, '') }}",
					type: 'string',
				},
			],
		},
		includeOtherFields: true,
		options: {},
	},
};

function httpRequest(tuned: boolean): INode {
	const node: INode = {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [400, 0],
		onError: 'continueRegularOutput',
		parameters: {
			method: 'POST',
			url: addUrl,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${settings.token}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ phone_number: $json.phone }) }}',
			options: tuned
				? {
						batching: {
							batch: {
								batchSize: settings.httpBatch?.size ?? settings.callsPerWindow,
								batchInterval: settings.httpBatch?.intervalMs ?? settings.windowMs,
							},
						},
					}
				: {},
		},
	};
	if (tuned) Object.assign(node, { retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 });
	return node;
}

const ourNode: INode = {
	id: 'add',
	name: 'Add Phone Number',
	type: PACKAGE_NODE_TYPE,
	typeVersion: 1,
	position: [200, 0],
	onError: 'continueRegularOutput',
	parameters: {
		resource: 'preVerifiedNumber',
		operation: 'add',
		businessId: settings.businessId,
		phoneNumber: '={{ $json.phone }}',
		// The node's defaults unless the variant says otherwise; duplicates fail, so that they
		// count as the HTTP Request node's do.
		options: {
			ifAlreadyAdded: 'error',
			...(settings.nodeOptions ?? { requestsInFlight: settings.inFlight }),
		},
	},
	credentials: { whatsAppBusinessManagementApi: { id: '1', name: 'Meta' } },
};

// A call is counted by the simulator between sending and the answer; the loop dates each call
// at its answer (never too early), plus a little slack for timers.
const MARGIN_MS = 5;

/** The physical limit: a loop that knows the budget and spends it exactly, never throttled. */
async function idealLoop(): Promise<{ failedByThrottling: number; failed: number }> {
	const started: number[] = [];
	let next = 0;
	let failed = 0;
	let failedByThrottling = 0;
	const budget = settings.callsPerWindow > 0 ? settings.callsPerWindow : Infinity;
	const worker = async () => {
		while (next < rows.length) {
			const row = rows[next++];
			for (;;) {
				const now = Date.now();
				while (started.length && now - started[0] >= settings.windowMs + MARGIN_MS) started.shift();
				if (started.length < budget) break;
				await new Promise((r) => setTimeout(r, started[0] + settings.windowMs + MARGIN_MS - now));
			}
			// Hold a place in the window while the call is in flight; date it when it is answered.
			const slot = Date.now();
			started.push(slot);
			const response = await fetch(addUrl, {
				method: 'POST',
				headers: { Authorization: `Bearer ${settings.token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ phone_number: `+${String(row.phone).replace(/\D/g, '')}` }),
			});
			const text = await response.text();
			started[started.indexOf(slot)] = Date.now();
			started.sort((a, b) => a - b);
			if (!response.ok) {
				failed++;
				if (text.includes('80008')) failedByThrottling++;
			}
		}
	};
	await Promise.all(Array.from({ length: settings.inFlight }, worker));
	return { failed, failedByThrottling };
}

function countFailures(items: INodeExecutionData[]) {
	let failed = 0;
	let failedByThrottling = 0;
	for (const item of items) {
		if (item.json.error === undefined) continue;
		failed++;
		const text = JSON.stringify(item.json);
		if (text.includes('80008') || text.includes('"category":"rate_limit"')) failedByThrottling++;
	}
	return { failed, failedByThrottling };
}

interface Late {
	startedAt: number;
	endedAt: number;
	wallMs: number;
	failed: number;
	itemsOut: number;
}

async function runExecutions(): Promise<{
	failed: number;
	failedByThrottling: number;
	itemsOut: number;
	late?: Late;
}> {
	const nodes =
		variant === 'node' ? [ourNode] : [stripSymbols, httpRequest(variant === 'httpTuned')];
	const executions = settings.executions ?? 1;
	const share = Math.ceil(rows.length / executions);
	const credentials = { accessToken: settings.token, apiVersion: 'v23.0', baseUrl };
	const last = nodes[nodes.length - 1].name;
	const execute = async (slice: IDataObject[]) => {
		const result = await runWorkflow(chain(nodes, slice), credentials, types);
		if (result.error) throw new Error(`${variant} failed: ${result.error.message}`);
		const out = result.outputs(last).flat();
		if (out.length !== slice.length) {
			throw new Error(`${variant}: ${slice.length} items in, ${out.length} out`);
		}
		return out;
	};
	const late = settings.late;
	const lateRun = late
		? (async (): Promise<Late> => {
				const lateRows = JSON.parse(readFileSync(late.rowsFile, 'utf8')) as IDataObject[];
				await new Promise((resolve) => setTimeout(resolve, late.afterMs));
				const startedAt = Date.now();
				const out = await execute(lateRows);
				const endedAt = Date.now();
				return {
					startedAt,
					endedAt,
					wallMs: endedAt - startedAt,
					failed: countFailures(out).failed,
					itemsOut: out.length,
				};
			})()
		: undefined;
	const outs = await Promise.all(
		Array.from(
			{ length: executions },
			async (_, index) => await execute(rows.slice(index * share, (index + 1) * share)),
		),
	);
	const out = outs.flat();
	return { ...countFailures(out), itemsOut: out.length, late: await lateRun };
}

// Loaded before the clock starts, as n8n has its node types loaded before an execution.
const types = nodeTypes();

async function main() {
	const cpuBefore = process.cpuUsage();
	const startedAt = Date.now();
	const outcome =
		variant === 'ideal' ? { ...(await idealLoop()), itemsOut: rows.length } : await runExecutions();
	const endedAt = Date.now();
	const cpu = process.cpuUsage(cpuBefore);
	console.log(
		JSON.stringify({
			variant,
			rows: rows.length,
			startedAt,
			endedAt,
			wallMs: endedAt - startedAt,
			cpuMs: (cpu.user + cpu.system) / 1000,
			cpuMsPerThousandItems: ((cpu.user + cpu.system) / 1000 / rows.length) * 1000,
			peakRssMb: process.resourceUsage().maxRSS / 1024,
			...outcome,
		}),
	);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
