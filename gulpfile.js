// Build: type-check with tsc, bundle each node and credential with esbuild (libphonenumber-js
// inlined, only n8n-workflow external), then copy icons, the codex file and third-party notices.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { series, src, dest } = require('gulp');

const root = __dirname;
const dist = path.join(root, 'dist');
const pkg = require('./package.json');

const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((built) => ({
	in: built.replace(/^dist\//, '').replace(/\.js$/, '.ts'),
	out: built.replace(/^dist\//, '').replace(/\.js$/, ''),
}));

function clean(done) {
	fs.rmSync(dist, { recursive: true, force: true });
	done();
}

function typecheck(done) {
	execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
		cwd: root,
		stdio: 'inherit',
	});
	done();
}

const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['n8n-workflow'],
	legalComments: 'inline',
	logLevel: 'warning',
	metafile: true,
};

async function bundle() {
	const result = await esbuild.build({
		...common,
		entryPoints: entries,
		outdir: dist,
		outbase: root,
		minifyWhitespace: true,
		minifySyntax: true,
	});
	fs.writeFileSync(path.join(root, 'dist-meta.json'), JSON.stringify(result.metafile));
	// index.js re-exports the bundles above rather than bundling libphonenumber-js a third time.
	await esbuild.build({
		...common,
		entryPoints: [path.join(root, 'index.ts')],
		outfile: path.join(dist, 'index.js'),
		plugins: [
			{
				name: 'use-built-entries',
				setup(build) {
					build.onResolve({ filter: /^\.\/(nodes|credentials)\// }, (args) => ({
						path: `${args.path}.js`,
						external: true,
					}));
				},
			},
		],
	});
}

function copyAssets() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], {
		base: root,
		encoding: false,
	}).pipe(dest(dist));
}

function notices(done) {
	const lib = path.join(root, 'node_modules/libphonenumber-js');
	const version = require(path.join(lib, 'package.json')).version;
	const text = fs.readFileSync(path.join(lib, 'LICENSE'), 'utf8');
	fs.writeFileSync(
		path.join(dist, 'THIRD_PARTY_NOTICES.txt'),
		`The bundled node includes libphonenumber-js ${version} (metadata set "max"):\n\n${text}`,
	);
	done();
}

exports.typecheck = typecheck;
exports.build = series(clean, typecheck, bundle, copyAssets, notices);
exports.default = exports.build;
