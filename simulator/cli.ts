/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- the test simulator: runs in Node.js, never inside n8n */
// npm run simulator [-- --port 8787 --token TOKEN --business 1234567890123456 --latency 20
//   --calls-per-window 1000 --app-calls-per-window 5000 --window-ms 60000 --retry-after
//   --prefill-calls 100]
// Throttles the way Meta does (usage headers, regain in whole minutes); --retry-after adds a
// precise Retry-After, which Meta does not send. --prefill-calls counts that many calls of the
// (first) business over the window just past, as another system of it would have made.
// Starts the Graph API simulator on 127.0.0.1 and prints its base URL and a token to use.
import { randomBytes } from 'crypto';

import { GraphApiSimulator } from './GraphApiSimulator';

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index !== -1 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function main() {
	const token = option(
		'token',
		process.env.SIMULATOR_TOKEN ?? `EAASim${randomBytes(12).toString('hex')}`,
	);
	const business = option('business', '1234567890123456');
	const simulator = new GraphApiSimulator({
		token,
		businessIds: business.split(','),
		callsPerWindow: Number(option('calls-per-window', '0')),
		appCallsPerWindow: Number(option('app-calls-per-window', '0')),
		windowMs: Number(option('window-ms', '3600000')),
		faults: { latencyMs: Number(option('latency', '0')) },
		retryAfterHeader: process.argv.includes('--retry-after'),
	});
	const prefill = Number(option('prefill-calls', '0'));
	if (prefill > 0) simulator.prefillUsage(business.split(',')[0], prefill);
	const baseUrl = await simulator.start(Number(option('port', '0')));
	console.log(`Graph API simulator listening on ${baseUrl}`);
	console.log(`  Base URL:    ${baseUrl}`);
	console.log(`  API version: v23.0`);
	console.log(`  Token:       ${token}`);
	console.log(`  Business ID: ${business}`);
	console.log(`  Codes sent by request_code: GET ${baseUrl}/__simulator/codes/{pre-verified id}`);
	console.log('Press Ctrl+C to stop.');
	const stop = () => void simulator.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
