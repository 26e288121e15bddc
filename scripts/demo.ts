/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- project scripts: runs in Node.js, never inside n8n */
// npm run demo: starts the Graph API simulator, runs examples/add-phone-numbers.workflow.json in
// n8n's engine with the built node and prints both branches as a table; then runs
// examples/pool-to-ready.workflow.json and prints each step; then
// examples/monthly-cost-per-client.workflow.json and prints its CSV; then
// examples/starter-templates.workflow.json and the copies' review; then
// examples/new-client-onboarding.workflow.json from the trigger's poll to a client ready to
// message, each step printed; then examples/client-alerts.workflow.json: every client watched by
// one trigger, each problem on its branch. Stops what it started.
// First: n8n-core reads its environment when it is imported.
import '../test/helpers/setupEnv';

import { randomBytes } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';

import type { INodeExecutionData, INodeType } from 'n8n-workflow';

import { GraphApiSimulator, settle } from '../simulator/GraphApiSimulator';
import {
	afterTrigger,
	RowsTrigger,
	runWorkflow,
	stockNodeTypes,
	triggerPoller,
} from '../test/helpers/engine';
import type { WorkflowFile } from '../test/helpers/engine';

const WORKFLOW = join(__dirname, '../examples/add-phone-numbers.workflow.json');
const POOL_TO_READY = join(__dirname, '../examples/pool-to-ready.workflow.json');
const MONTHLY_COST = join(__dirname, '../examples/monthly-cost-per-client.workflow.json');
const STARTER_TEMPLATES = join(__dirname, '../examples/starter-templates.workflow.json');
const ONBOARDING = join(__dirname, '../examples/new-client-onboarding.workflow.json');
const CLIENT_ALERTS = join(__dirname, '../examples/client-alerts.workflow.json');
const BUILT_TRIGGER = join(
	__dirname,
	'../dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node.js',
);
const NODE_NAME = 'Add Phone Number';

function cut(text: string, width: number): string {
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function table(
	title: string,
	items: INodeExecutionData[],
	describe: (i: INodeExecutionData) => string,
) {
	console.log(`\n${title} (${items.length})`);
	console.log(`  ${cut('name', 11)} ${cut('input', 26)} ${cut('E.164', 15)} result`);
	for (const item of items) {
		const json = item.json;
		const details = (json.details ?? {}) as { phone_number?: { normalized?: string | null } };
		const e164 = String(json.phone_number ?? details.phone_number?.normalized ?? '');
		const input = JSON.stringify(json.input ?? json.phone ?? '');
		console.log(
			`  ${cut(String(json.name ?? ''), 11)} ${cut(input, 26)} ${cut(e164, 15)} ${describe(item)}`,
		);
	}
}

async function main(): Promise<number> {
	const token = `EAADemo${randomBytes(10).toString('hex')}`;
	const workflow = JSON.parse(readFileSync(WORKFLOW, 'utf8')) as WorkflowFile;
	const node = workflow.nodes.find((n) => n.name === NODE_NAME);
	const businessId = String(node?.parameters.businessId);
	const simulator = new GraphApiSimulator({ token, businessIds: [businessId] });
	const baseUrl = await simulator.start();
	console.log(`Graph API simulator on ${baseUrl}; running "${workflow.name}" in n8n's engine`);
	try {
		const result = await runWorkflow(
			workflow,
			{ accessToken: token, apiVersion: 'v23.0', baseUrl },
			stockNodeTypes(),
		);
		if (result.error) {
			console.error(`The workflow failed: ${result.error.message}`);
			return 1;
		}
		const [success = [], failure = []] = result.outputs(NODE_NAME);
		// Split Out's items keep the row fields; the node's success items hold its own fields.
		const rows = result.outputs('One item per row')[0] ?? [];
		const withName = (item: INodeExecutionData) => {
			const index = (item.pairedItem as { item: number }).item;
			return { ...item, json: { name: rows[index]?.json.name, ...item.json } };
		};
		table(
			'Success branch: added to the pre-verified pool',
			success.map(withName),
			(i) => `id ${String(i.json.id)}`,
		);
		table('Error branch', failure.map(withName), (i) => {
			const category = (i.json.details as { category: string }).category;
			return `${category}: ${String(i.json.error)}`;
		});
		console.log(
			`\n${rows.length} rows in, ${success.length} added + ${failure.length} on the error branch out; the simulator holds ${simulator.numbers.size} numbers, each added once: ${[...simulator.addsByNumber.values()].every((c) => c === 1)}`,
		);
		const split = rows.length === success.length + failure.length && success.length > 0;
		const ready = await poolToReady(simulator, token, baseUrl);
		const billed = await monthlyCost(simulator, token, baseUrl, businessId);
		const templates = await starterTemplates(simulator, token, baseUrl, businessId);
		const onboarded = await newClientOnboarding(simulator, token, baseUrl, businessId);
		const alerted = await clientAlerts(simulator, token, baseUrl, businessId);
		return split && ready && billed && templates && onboarded && alerted ? 0 : 1;
	} finally {
		await simulator.stop();
	}
}

/** Runs an example file (its simulator address pointed at `baseUrl`); undefined when it fails. */
async function runExample(file: string, token: string, baseUrl: string) {
	const text = readFileSync(file, 'utf8').split('http://127.0.0.1:18787').join(baseUrl);
	const workflow = JSON.parse(text) as WorkflowFile;
	console.log(`\nRunning "${workflow.name}"`);
	const result = await runWorkflow(
		workflow,
		{ accessToken: token, apiVersion: 'v23.0', baseUrl },
		stockNodeTypes(),
	);
	if (!result.error) return result;
	console.error(`The workflow failed: ${result.error.message}`);
	return undefined;
}

/** The second example: one number from the pool to a client's WABA, ready to message. */
async function poolToReady(
	simulator: GraphApiSimulator,
	token: string,
	baseUrl: string,
): Promise<boolean> {
	const result = await runExample(POOL_TO_READY, token, baseUrl);
	if (!result) return false;
	const steps: Array<[string, (json: Record<string, unknown>) => string]> = [
		['Add to Pool', (j) => `pre-verified id ${String(j.id)} for ${String(j.phone_number)}`],
		['Request Verification Code', (j) => `code sent by ${String(j.code_method)}`],
		['Verify Code', (j) => `verified: ${String(j.verified)}`],
		[
			"Add to the Client's WABA",
			(j) =>
				`phone number id ${String(j.id)} (cc ${String(j.cc)}, national ${String(j.national_number)}) in WABA ${String(j.waba_id)}`,
		],
		['Register', (j) => `registered: ${String(j.registered)}`],
		['Subscribe App to Webhooks', (j) => `subscribed: ${String(j.subscribed)}`],
		['Update Business Profile', (j) => `updated: ${String(j.updated)}`],
		[
			'Get',
			(j) =>
				`status ${String(j.status)}, connected ${String(j.is_connected)}, quality ${String(j.quality)}`,
		],
		['Get Business Profile', (j) => `about "${String(j.about)}", ${String(j.vertical)}`],
	];
	let connected = false;
	let profiled = false;
	for (const [name, describe] of steps) {
		const json = result.outputs(name)[0]?.[0]?.json ?? {};
		console.log(`  ${cut(name, 26)} ${describe(json)}`);
		if (name === 'Get') connected = json.is_connected === true;
		if (name === 'Get Business Profile') profiled = typeof json.about === 'string';
	}
	console.log(`The number left the pool: ${simulator.numbers.size === 8}`);
	return connected && profiled;
}

/** The third example: last month's cost per client WABA, as a CSV file. */
async function monthlyCost(
	simulator: GraphApiSimulator,
	token: string,
	baseUrl: string,
	businessId: string,
): Promise<boolean> {
	for (const [id, name] of [
		['2000000000000102', "Jasper's Market"],
		['2000000000000103', 'Lucky Shrub'],
	]) {
		simulator.wabas.set(id, { id, businessId, name, client: true });
	}
	const result = await runExample(MONTHLY_COST, token, baseUrl);
	if (!result) return false;
	const points = result.outputs("Last Month's Pricing")[0] ?? [];
	console.log(`  ${points.length} data points (one per client and pricing category)`);
	const file = result.outputs('CSV')[0]?.[0]?.binary?.data;
	const csv = Buffer.from(String(file?.data ?? ''), 'base64')
		.toString('utf8')
		.trim();
	console.log(`  ${String(file?.fileName)}:`);
	for (const line of csv.split('\n')) console.log(`    ${line}`);
	return csv.split('\n').length === 3;
}

/** The fourth example: a new client's WABA gets the approved starter templates. */
async function starterTemplates(
	simulator: GraphApiSimulator,
	token: string,
	baseUrl: string,
	businessId: string,
): Promise<boolean> {
	const [starter, client] = ['2000000000000001', '2000000000000002'];
	simulator.wabas.set(starter, { id: starter, businessId, name: 'Starter templates' });
	simulator.wabas.set(client, { id: client, businessId, name: "Jasper's Market", client: true });
	for (const name of ['order_update', 'appointment_reminder', 'delivery_update']) {
		simulator.seedMessageTemplate(starter, { name });
	}
	const result = await runExample(STARTER_TEMPLATES, token, baseUrl);
	if (!result) return false;
	const [copied = [], failed = []] = result.outputs('Copy to the client');
	for (const item of [...copied, ...failed]) {
		console.log(
			`  template ${String(item.json.source_template_id)}: ${item.json.migrated === true ? 'copied' : `not copied (${String(item.json.reason ?? item.json.error)})`}`,
		);
	}
	simulator.advanceClock(simulator.templateReviewMs);
	const copies = [...simulator.templates.values()].filter((t) => t.wabaId === client);
	const reviewed = copies.map((t) => `${t.name}: ${settledStatus(simulator, t.id)}`);
	console.log(
		`  after Meta's review (the trigger's Template Status Changed): ${reviewed.join(', ')}`,
	);
	return copied.length === 3 && reviewed.every((line) => line.endsWith('APPROVED'));
}

/**
 * The fifth example: the trigger sees a client arrive after Embedded Signup; the workflow assigns
 * the system user, shares the credit line, subscribes the app, copies the starter templates and
 * registers the client's number with its profile.
 */
async function newClientOnboarding(
	simulator: GraphApiSimulator,
	token: string,
	baseUrl: string,
	businessId: string,
): Promise<boolean> {
	const workflow = JSON.parse(readFileSync(ONBOARDING, 'utf8')) as WorkflowFile;
	console.log(`\nRunning "${workflow.name}"`);
	simulator.seedCreditLine(businessId, 'Partner Solutions Ltd', '1972385232742146');
	const credentials = { accessToken: token, apiVersion: 'v23.0', baseUrl, businessId };
	const trigger = workflow.nodes.find((n) => n.name === 'Client WABA Added');
	const poller = triggerPoller(
		trigger?.parameters ?? {},
		credentials,
		'trigger',
		undefined,
		builtTrigger(),
	);
	await poller.poll(); // the baseline
	const client = '2000000000000104';
	simulator.wabas.set(client, { id: client, businessId, name: 'Lucky Shrub', client: true });
	simulator.seedConnectedPhoneNumber('1906385232743499', '6315558800', {
		wabaId: client,
		status: 'PENDING',
		verified_name: 'Lucky Shrub',
	});
	const events = (await poller.poll()) ?? [];
	console.log(
		`  ${cut('Client WABA Added', 26)} ${events.map((e) => `${String(e.json.name)} (${String(e.json.waba_id)})`).join(', ')}`,
	);
	const result = await runAfterTrigger(workflow, 'Client WABA Added', events, credentials);
	if (!result) return false;
	const steps: Array<[string, (json: Record<string, unknown>) => string]> = [
		['Assign System User', (j) => `user ${String(j.user_id)} assigned: ${String(j.assigned)}`],
		[
			'Share Credit Line',
			(j) =>
				`credit line ${String(j.credit_line_id)} in ${String(j.currency)}, verified: ${String(j.verified)}`,
		],
		['Subscribe App to Webhooks', (j) => `subscribed: ${String(j.subscribed)}`],
		[
			'Copy Starter Templates',
			(j) => `template ${String(j.name ?? j.source_template_id)} copied: ${String(j.migrated)}`,
		],
		['Register', (j) => `number ${String(j.id)} registered: ${String(j.registered)}`],
		['Update Business Profile', (j) => `profile updated: ${String(j.updated)}`],
	];
	let ok = events.length === 1;
	for (const [name, describe] of steps) {
		const [success = [], failure = []] = result.outputs(name);
		for (const item of success) console.log(`  ${cut(name, 26)} ${describe(item.json)}`);
		for (const item of failure) console.log(`  ${cut(name, 26)} error: ${String(item.json.error)}`);
		ok &&= success.length > 0 && failure.length === 0;
	}
	const number = simulator.phoneNumbers.get('1906385232743499');
	console.log(
		`  The client's number is ${String(number?.status)}; its WABA is funded by the credit line: ${String(simulator.wabas.get(client)?.primaryFundingId !== undefined)}`,
	);
	return ok && number?.status === 'CONNECTED';
}

/**
 * The rest of a workflow after its trigger's poll, with the built node: the trigger's place
 * taken by one that emits what the poll emitted (see afterTrigger). Undefined when it fails.
 */
async function runAfterTrigger(
	workflow: WorkflowFile,
	triggerName: string,
	events: INodeExecutionData[],
	credentials: { accessToken: string; apiVersion: string; baseUrl: string; businessId: string },
) {
	const types = { ...stockNodeTypes(), 'n8n-nodes-base.manualTrigger': new RowsTrigger() };
	const result = await runWorkflow(afterTrigger(workflow, triggerName, events), credentials, types);
	if (!result.error) return result;
	console.error(`The workflow failed: ${result.error.message}`);
	return undefined;
}

/** The built trigger, as stockNodeTypes loads the built node. */
function builtTrigger(): INodeType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { WhatsAppBusinessManagementTrigger: Built } = require(BUILT_TRIGGER) as {
		WhatsAppBusinessManagementTrigger: new () => INodeType;
	};
	return new Built();
}

/**
 * The sixth example: every client WABA watched by one trigger. The demo's clock moves a minute
 * per poll: an interval of baselines, then a number's quality drops and a client leaves.
 */
async function clientAlerts(
	simulator: GraphApiSimulator,
	token: string,
	baseUrl: string,
	businessId: string,
): Promise<boolean> {
	const workflow = JSON.parse(readFileSync(CLIENT_ALERTS, 'utf8')) as WorkflowFile;
	console.log(`\nRunning "${workflow.name}"`);
	const credentials = { accessToken: token, apiVersion: 'v23.0', baseUrl, businessId };
	const trigger = workflow.nodes.find((n) => n.name === 'Every Client WABA');
	const realNow = Date.now;
	Date.now = () => realNow() + simulator.clockOffsetMs;
	try {
		const watched = [...simulator.wabas.values()].filter((w) => w.client && !w.partnerRemoved);
		const number = simulator.seedConnectedPhoneNumber('1906385232743498', '6315558700', {
			wabaId: watched[0].id,
		});
		const poller = triggerPoller(
			trigger?.parameters ?? {},
			credentials,
			'trigger',
			undefined,
			builtTrigger(),
		);
		for (let minute = 0; minute <= 30; minute++) {
			await poller.poll();
			simulator.advanceClock(60_000);
		}
		console.log(`  ${watched.length} client WABAs watched; each read once in the first 30 minutes`);
		number.quality_rating = 'RED';
		const leaving = watched[watched.length - 1];
		leaving.partnerRemoved = true;
		const events: INodeExecutionData[] = [];
		for (let minute = 0; minute <= 31; minute++) {
			events.push(...((await poller.poll()) ?? []));
			simulator.advanceClock(60_000);
		}
		const result = await runAfterTrigger(workflow, 'Every Client WABA', events, credentials);
		if (!result) return false;
		let routed = 0;
		for (const node of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.noOp')) {
			for (const item of result.outputs(node.name)[0] ?? []) {
				routed++;
				console.log(
					`  ${cut(node.name, 34)} ${String(item.json.event)} ${String(item.json.waba_name ?? item.json.name ?? '')} (${String(item.json.waba_id)})`,
				);
			}
		}
		return routed >= 3;
	} finally {
		Date.now = realNow;
	}
}

function settledStatus(simulator: GraphApiSimulator, id: string): string {
	const template = simulator.templates.get(id);
	return template ? settle(simulator, template).status : 'gone';
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
