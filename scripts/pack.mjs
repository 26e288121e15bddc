// Packs the built package with `npm pack` and unpacks it into .tmp/pack/package, the way the
// registry would hand it to n8n. Prints the unpacked folder. Used by scan and the e2e test.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function packAndUnpack() {
	const out = join(root, '.tmp', 'pack');
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: root }).toString(),
	);
	const tarball = join(out, info.filename);
	execFileSync('tar', ['-xzf', tarball, '-C', out]);
	return { tarball, dir: join(out, 'package'), files: info.files.map((f) => f.path) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	console.log(JSON.stringify(packAndUnpack(), null, 2));
}
