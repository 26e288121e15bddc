// Runs n8n's community package scanner offline: `analyzePackage` from
// @n8n/scan-community-package over the unpacked `npm pack` tarball, both legs (the source
// patterns, and **/*.js + package.json), and the source leg over this checkout too.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { packAndUnpack } from './pack.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerPath).href);

const { dir, files } = packAndUnpack();
console.log(`packed ${files.length} files: ${files.join(', ')}`);

const legs = [
	['tarball, source patterns', dir, SOURCE_FILE_PATTERNS],
	['tarball, **/*.js + package.json', dir, ['**/*.js', 'package.json']],
	['checkout, source patterns', root, SOURCE_FILE_PATTERNS],
];
let failed = 0;
for (const [name, folder, patterns] of legs) {
	const result = await analyzePackage(folder, patterns);
	console.log(
		`${result.passed ? 'PASS' : 'FAIL'} ${name}${result.message ? `: ${result.message}` : ''}`,
	);
	if (!result.passed) {
		failed++;
		if (result.details) console.log(result.details);
	}
}
process.exit(failed ? 1 : 0);
