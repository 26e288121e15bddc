// npm run n8n: the real n8n editor on http://127.0.0.1:5678 with this package installed, the
// simulator running, and the example workflow and a credential pointing at it already imported.
import { spawn } from 'child_process';
import { mkdirSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator } from '../simulator/GraphApiSimulator';
import { packPackage, startRealN8n } from '../test/e2e/realN8n';

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

	const child = spawn(n8n.node24, [n8n.n8nBin, 'start'], {
		env: {
			...n8n.env,
			N8N_PORT: String(N8N_PORT),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
		},
		stdio: 'inherit',
	});
	console.log(
		`\nn8n starts on http://127.0.0.1:${N8N_PORT}: create the owner account on first visit, then open "Add phone numbers from a spreadsheet export" or "Pre-verified number lifecycle (simulator)". Ctrl+C stops n8n and the simulator.`,
	);
	const stop = () => {
		child.kill('SIGTERM');
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', (code) => {
		void simulator.stop().then(() => process.exit(code ?? 0));
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
