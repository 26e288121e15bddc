/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- project scripts: runs in Node.js, never inside n8n */
// npm run soak [-- --items 100000 --in-flight 8]: the fault-injected run of the reliability test
// at any size, outside npm test. Prints items in/out, adds per number, retries, wall time.
import '../test/helpers/setupEnv';

import type { IDataObject } from 'n8n-workflow';

import { GraphApiSimulator, RELIABILITY_FAULTS } from '../simulator/GraphApiSimulator';
import { join } from 'path';

import {
	addPhoneNumbersWorkflow,
	PACKAGE_NODE_TYPE,
	RowsTrigger,
	runWorkflow,
} from '../test/helpers/engine';

// The built bundle, as n8n loads it (npm run soak builds first).
function nodeTypes() {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { WhatsAppBusinessManagement } = require(
		join(__dirname, '../dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js'),
	);
	return {
		'n8n-nodes-base.manualTrigger': new RowsTrigger(),
		[PACKAGE_NODE_TYPE]: new WhatsAppBusinessManagement(),
	};
}

const TOKEN = 'EAASoakRunToken';
const BUSINESS = '1234567890123456';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

async function main(): Promise<number> {
	const count = option('items', 100_000);
	const simulator = new GraphApiSimulator({
		token: TOKEN,
		businessIds: [BUSINESS],
		seed: 1,
		faults: RELIABILITY_FAULTS,
	});
	const baseUrl = await simulator.start();
	const rows: IDataObject[] = [];
	for (let i = 0; i < count; i++) {
		const digits = 2_000_000 + (i % 8_000_000);
		rows.push({ row: i, phone: i % 100 === 99 ? `not a number ${i}` : `+1 631 ${digits}` });
	}
	const started = Date.now();
	try {
		const result = await runWorkflow(
			addPhoneNumbersWorkflow({
				rows,
				onError: 'continueErrorOutput',
				options: {
					initialRetryDelayMs: 1,
					timeoutMs: 250,
					maxAttempts: 10,
					requestsInFlight: option('in-flight', 8),
				},
			}),
			{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl },
			nodeTypes(),
		);
		const [success = [], failure = []] = result.outputs('Add Phone Number');
		const adds = [...simulator.addsByNumber.values()];
		const categories: Record<string, number> = {};
		for (const item of failure) {
			const category = (item.json.details as { category: string }).category;
			categories[category] = (categories[category] ?? 0) + 1;
		}
		console.log(
			JSON.stringify(
				{
					itemsIn: rows.length,
					itemsOut: success.length + failure.length,
					succeeded: success.length,
					failed: categories,
					numbers: simulator.numbers.size,
					maxAddsPerNumber: Math.max(0, ...adds),
					requests: simulator.requests.length,
					wallSeconds: (Date.now() - started) / 1000,
					runError: result.error?.message ?? null,
				},
				null,
				2,
			),
		);
		const lost = rows.length !== success.length + failure.length;
		return lost || Math.max(0, ...adds) > 1 || result.error ? 1 : 0;
	} finally {
		await simulator.stop();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
