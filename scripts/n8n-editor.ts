/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- project scripts: runs in Node.js, never inside n8n */
// npm run n8n: the real n8n editor on http://127.0.0.1:5678 with this package installed, the
// simulator running, and the example workflow and a credential pointing at it already imported.
import { mkdirSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator } from '../simulator/GraphApiSimulator';
import { packPackage, startN8nServer, startRealN8n } from '../test/e2e/realN8n';

const root = join(__dirname, '..');
const SIMULATOR_PORT = Number(process.env.SIMULATOR_PORT ?? 18787);
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
// Loopback-only development token; the simulator accepts nothing else.
const TOKEN = 'EAALocalSimulatorToken';

async function main() {
	const simulator = new GraphApiSimulator({ token: TOKEN, businessIds: ['1234567890123456'] });
	const baseUrl = await simulator.start(SIMULATOR_PORT);
	console.log(`Graph API simulator on ${baseUrl} (token ${TOKEN})`);

	const userFolder = join(root, '.tmp', 'n8n-editor');
	mkdirSync(userFolder, { recursive: true });
	console.log('Installing the packed package into the n8n user folder…');
	const n8n = await startRealN8n(packPackage(), userFolder);
	await n8n.importCredential({
		id: 'wbmSimulatorCredential',
		name: 'WhatsApp Business Management (simulator)',
		type: 'whatsAppBusinessManagementApi',
		data: { accessToken: TOKEN, apiVersion: 'v23.0', baseUrl },
	});
	await n8n.importWorkflow(join(root, 'examples/add-phone-numbers.workflow.json'));
	await n8n.importWorkflow(join(root, 'examples/pre-verified-number-lifecycle.workflow.json'));
	await n8n.importWorkflow(join(root, 'examples/pool-to-ready.workflow.json'));

	const server = await startN8nServer(n8n, N8N_PORT, 'inherit');
	console.log(
		`\nn8n is ready on ${server.url}: create the owner account on first visit, then open "Add phone numbers from a spreadsheet export", "Pre-verified number lifecycle (simulator)" or "Pre-verified number to ready to message". Ctrl+C stops n8n and the simulator.`,
	);
	const stop = () => {
		void server
			.stop()
			.then(() => simulator.stop())
			.then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
