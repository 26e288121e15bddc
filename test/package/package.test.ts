/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The published package: what n8n's verification checks, what the tarball holds, and that the
// bundled node and credential load where only n8n-workflow is installed.
import { execFileSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { PACKAGE_NAME, PACKAGE_VERSION } from '../../nodes/WhatsAppBusinessManagement/version';

const root = join(__dirname, '../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../package.json');

let unpacked: string;
let packedFiles: string[];

beforeAll(async () => {
	// Always from the current sources: a dist/ left by an earlier checkout would test old code.
	execFileSync('npx', ['gulp', 'build'], { cwd: root, stdio: 'ignore' });
	const packed = JSON.parse(
		execFileSync(process.execPath, [join(root, 'scripts/pack.mjs')], { cwd: root }).toString(),
	) as { dir: string; files: string[] };
	unpacked = packed.dir;
	packedFiles = packed.files;
}, 120_000);

test('package.json follows n8n community rules', () => {
	expect(pkg.name).toBe(PACKAGE_NAME);
	expect(pkg.version).toBe(PACKAGE_VERSION);
	expect(pkg.license).toBe('MIT');
	expect(pkg.keywords).toContain('n8n-community-node-package');
	expect(pkg.dependencies).toBeUndefined();
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	expect(pkg.files).toEqual(['dist']);
	for (const script of ['prepare', 'preinstall', 'install', 'postinstall']) {
		expect(pkg.scripts[script]).toBeUndefined();
	}
	expect(pkg.n8n).toEqual({
		n8nNodesApiVersion: 1,
		strict: true,
		credentials: ['dist/credentials/WhatsAppBusinessManagementApi.credentials.js'],
		nodes: [
			'dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js',
			'dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node.js',
		],
	});
});

test('the tarball holds dist, README, LICENSE and package.json only', () => {
	const outside = packedFiles.filter(
		(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(f),
	);
	expect(outside).toEqual([]);
	expect(packedFiles).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
	for (const built of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		expect(packedFiles).toContain(built);
	}
	expect(packedFiles).toContain('dist/nodes/WhatsAppBusinessManagement/whatsapp.svg');
	expect(packedFiles).toContain('dist/nodes/WhatsAppBusinessManagement/whatsapp.dark.svg');
	expect(packedFiles).toContain(
		'dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.json',
	);
	expect(packedFiles).toContain('dist/credentials/whatsapp.svg');
});

test('nodes and credential load where only n8n-workflow is installed, with libphonenumber-js inlined', () => {
	const folder = mkdtempSync(join(tmpdir(), 'wbm-isolated-'));
	try {
		const target = join(folder, 'node_modules', PACKAGE_NAME);
		mkdirSync(join(folder, 'node_modules'), { recursive: true });
		cpSync(unpacked, target, { recursive: true });
		symlinkSync(join(root, 'node_modules/n8n-workflow'), join(folder, 'node_modules/n8n-workflow'));
		const script = `
			const pkg = require('${PACKAGE_NAME}/package.json');
			const { WhatsAppBusinessManagement } = require('${PACKAGE_NAME}/' + pkg.n8n.nodes[0]);
			const { WhatsAppBusinessManagementApi } = require('${PACKAGE_NAME}/' + pkg.n8n.credentials[0]);
			const { WhatsAppBusinessManagementTrigger } = require('${PACKAGE_NAME}/' + pkg.n8n.nodes[1]);
			const index = require('${PACKAGE_NAME}');
			let phoneLib = 'missing';
			try { require.resolve('libphonenumber-js'); phoneLib = 'installed'; } catch {}
			const loaded = Object.keys(require.cache).filter((k) => k.includes('libphonenumber-js'));
			console.log(JSON.stringify({
				node: new WhatsAppBusinessManagement().description.name,
				credential: new WhatsAppBusinessManagementApi().name,
				trigger: new WhatsAppBusinessManagementTrigger().description.name,
				index: Object.keys(index).sort(),
				phoneLib,
				loaded: loaded.length,
			}));`;
		const out = execFileSync(process.execPath, ['-e', script], {
			cwd: folder,
			env: { PATH: process.env.PATH ?? '' },
		}).toString();
		expect(JSON.parse(out)).toEqual({
			node: 'whatsAppBusinessManagement',
			credential: 'whatsAppBusinessManagementApi',
			trigger: 'whatsAppBusinessManagementTrigger',
			index: [
				'WhatsAppBusinessManagement',
				'WhatsAppBusinessManagementApi',
				'WhatsAppBusinessManagementTrigger',
			],
			phoneLib: 'missing',
			loaded: 0,
		});
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
});

test("the README's pictures are absolute URLs of the repository's docs/images, so npm shows them", () => {
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const repository = String(pkg.repository.url)
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	const raw = `${repository.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/docs/images/`;
	const images = [...readme.matchAll(/\]\(([^)]+\.png)\)/g)].map((m) => m[1]);
	expect(images.length).toBeGreaterThanOrEqual(5);
	for (const image of images) {
		expect(image.startsWith(raw)).toBe(true);
		expect(existsSync(join(root, 'docs/images', image.slice(raw.length)))).toBe(true);
	}
});

test('nothing in the repository reads the folder beside it: a clone is self-contained', () => {
	const outside = ['..', 'shared'].join('/');
	const tracked = execFileSync('git', ['ls-files'], { cwd: root }).toString().trim().split('\n');
	const readers = tracked.filter(
		(file) =>
			!file.endsWith('.png') &&
			existsSync(join(root, file)) &&
			readFileSync(join(root, file), 'utf8').includes(outside),
	);
	expect(readers).toEqual([]);
});

test('the package has exactly one regular node and one trigger, as n8n Cloud allows', () => {
	const kinds = pkg.n8n.nodes.map((file: string) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(join(root, file)) as Record<
			string,
			new () => { description: { group: string[]; polling?: boolean } }
		>;
		const [NodeClass] = Object.values(exported);
		const { description } = new NodeClass();
		return description.group.includes('trigger') ? 'trigger' : 'regular';
	});
	expect(kinds.sort()).toEqual(['regular', 'trigger']);
	expect(packedFiles).toEqual(expect.arrayContaining(pkg.n8n.nodes.map((file: string) => file)));
});
