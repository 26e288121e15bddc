/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The node's floors, arrows only downward: node class → actions/ → transport/ → helpers/.
// methods/ (the editor's list searches) sits beside actions/ and uses transport/.
import { readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';

const NODE_DIR = join(__dirname, '../../nodes/WhatsAppBusinessManagement');

/** The folders each floor must not import from. */
const FORBIDDEN: Record<string, string[]> = {
	helpers: ['actions', 'transport', 'methods', 'trigger'],
	transport: ['actions', 'methods', 'trigger'],
	methods: ['actions', 'trigger'],
	actions: ['methods', 'trigger'],
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const FLOORS = ['actions', 'transport', 'helpers', 'methods', 'trigger'];

/** The floor a path is in (a folder's index counts as the folder), or '' for the node's files. */
function floorOf(path: string): string {
	const first = relative(NODE_DIR, path).split(sep)[0];
	return FLOORS.includes(first) ? first : '';
}

export function upwardImports(files: Array<{ path: string; text: string }>): string[] {
	const found: string[] = [];
	for (const { path, text } of files) {
		const floor = floorOf(path);
		for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
			const target = resolve(dirname(path), match[1]);
			const targetFloor = floorOf(target);
			const isNodeFile = /\.node$/.test(target);
			if ((floor !== '' && isNodeFile) || (FORBIDDEN[floor] ?? []).includes(targetFloor)) {
				found.push(`${relative(NODE_DIR, path)} imports ${match[1]}`);
			}
		}
	}
	return found;
}

test('no file in nodes/ imports a floor above its own', () => {
	const files = sourceFiles(NODE_DIR).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
	expect(files.length).toBeGreaterThan(10);
	expect(upwardImports(files)).toEqual([]);
});

test('the check catches an upward import', () => {
	const fake = (path: string, text: string) => ({ path: join(NODE_DIR, path), text });
	expect(
		upwardImports([
			fake('helpers/x.ts', "import { router } from '../actions/router';"),
			fake('transport/y.ts', "import type { Operation } from '../actions/node.type';"),
			fake('helpers/z.ts', "export { a } from '../transport';"),
			fake('actions/ok.ts', "import { edges } from '../transport';"),
		]),
	).toEqual([
		'helpers/x.ts imports ../actions/router',
		'transport/y.ts imports ../actions/node.type',
		'helpers/z.ts imports ../transport',
	]);
});

// The simulator: a core (server, authentication, budget, faults, recording, routing) and one
// module per resource. What a fault answers lives in faults.ts; what a resource seeds, in its
// module (issue 33, finding 10).
const SIMULATOR_DIR = join(__dirname, '../../simulator');

test('the simulator keeps small files, and its core names no resource’s fields or fault answers', () => {
	const files = sourceFiles(SIMULATOR_DIR).map((path) => ({
		path: relative(SIMULATOR_DIR, path),
		lines: readFileSync(path, 'utf8').split('\n').length,
	}));
	expect(files.length).toBeGreaterThan(10);
	expect(files.filter((f) => f.lines > 400)).toEqual([]);
	const core = readFileSync(join(SIMULATOR_DIR, 'core.ts'), 'utf8');
	for (const detail of [
		'messaging_limit_tier',
		'quality_score',
		'verification_expiry_time',
		'502',
	]) {
		expect(core).not.toContain(detail);
	}
	expect(core.match(/fault === '/g) ?? []).toHaveLength(1);
});
