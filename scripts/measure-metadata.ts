/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- project scripts: runs in Node.js, never inside n8n */
// Measures libphonenumber-js's metadata sets for this node: the bundled node's size with each,
// and how many cases of the normalization table each decides right. Run: npm run measure:metadata
import { build } from 'esbuild';
import { mkdirSync, statSync } from 'fs';
import { join } from 'path';

import { invalid, valid } from '../test/fixtures/phoneNumbers';

const root = join(__dirname, '..');
const out = join(root, '.tmp', 'metadata');
mkdirSync(out, { recursive: true });

async function bundle(set: string, entry: string, file: string): Promise<string> {
	const outfile = join(out, `${file}-${set}.js`);
	await build({
		entryPoints: [join(root, entry)],
		outfile,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		external: ['n8n-workflow'],
		minifyWhitespace: true,
		minifySyntax: true,
		logLevel: 'error',
		alias: { 'libphonenumber-js/max': `libphonenumber-js/${set}` },
	});
	return outfile;
}

async function main() {
	console.log(
		'| metadata | node bundle | table cases right | wrongly accepted | wrongly rejected |',
	);
	console.log('|---|---|---|---|---|');
	for (const set of ['min', 'mobile', 'max']) {
		const nodeFile = await bundle(
			set,
			'nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.ts',
			'node',
		);
		const helperFile = await bundle(
			set,
			'nodes/WhatsAppBusinessManagement/helpers/normalizePhoneNumber.ts',
			'normalize',
		);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { normalizePhoneNumber } = require(helperFile);
		let right = 0;
		let wronglyAccepted = 0;
		let wronglyRejected = 0;
		for (const [input, country, e164] of valid) {
			const result = normalizePhoneNumber(input, country);
			if (result.ok && result.e164 === e164) right++;
			else wronglyRejected++;
		}
		for (const [input, country, problem] of invalid) {
			const result = normalizePhoneNumber(input, country);
			if (!result.ok && result.problem === problem) right++;
			else if (result.ok) wronglyAccepted++;
		}
		const kb = (statSync(nodeFile).size / 1024).toFixed(1);
		console.log(
			`| ${set} | ${kb} KB | ${right}/${valid.length + invalid.length} | ${wronglyAccepted} | ${wronglyRejected} |`,
		);
	}
}

/**
 * Numbers of the right length in ranges no operator was given: for every country, its example
 * number with the first national digit replaced by 0-9. Counts how often a set accepts a number
 * that the full metadata ("max") calls invalid.
 */
function probeUnassignedRanges() {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const examples = require('libphonenumber-js/examples.mobile.json');
	const sets: Record<string, typeof import('libphonenumber-js/max')> = {
		min: require('libphonenumber-js/min'),
		mobile: require('libphonenumber-js/mobile'),
		max: require('libphonenumber-js/max'),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	const max = sets.max;
	const candidates: string[] = [];
	for (const country of max.getCountries()) {
		const example = max.getExampleNumber(country, examples);
		if (!example) continue;
		const national = example.nationalNumber as string;
		for (let d = 0; d <= 9; d++) {
			candidates.push(`+${example.countryCallingCode}${d}${national.slice(1)}`);
		}
	}
	console.log(
		`\nProbe: ${candidates.length} numbers of valid length with the leading national digit changed`,
	);
	console.log(
		'| metadata | accepted | accepted although max says invalid | rejected although max says valid |',
	);
	console.log('|---|---|---|---|');
	for (const [name, lib] of Object.entries(sets)) {
		let accepted = 0;
		let falseAccept = 0;
		let falseReject = 0;
		for (const number of candidates) {
			const ok = lib.isValidPhoneNumber(number);
			const truth = max.isValidPhoneNumber(number);
			if (ok) accepted++;
			if (ok && !truth) falseAccept++;
			if (!ok && truth) falseReject++;
		}
		console.log(`| ${name} | ${accepted} | ${falseAccept} | ${falseReject} |`);
	}
}

void main().then(probeUnassignedRanges);
