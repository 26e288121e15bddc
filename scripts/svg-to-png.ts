/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- project scripts: runs in Node.js, never inside n8n */
// A bench picture (SVG) as a PNG for the README, which npm shows only from PNG files:
//   npm run picture -- bench/usage-<case>.svg docs/images/<name>.png
// Renders the SVG in the browser the editor tests use (CHROMIUM_PATH, /usr/bin/chromium).
import { readFileSync } from 'fs';
import { chromium } from 'playwright-core';

async function main() {
	const [svgFile, pngFile] = process.argv.slice(2);
	if (!svgFile || !pngFile) throw new Error('usage: npm run picture -- <in.svg> <out.png>');
	const svg = readFileSync(svgFile, 'utf8');
	const [, width, height] = /width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu'],
	});
	try {
		const page = await browser.newPage({
			viewport: { width: Number(width), height: Number(height) },
			deviceScaleFactor: 2,
		});
		await page.setContent(`<html><body style="margin:0">${svg}</body></html>`);
		await page.locator('svg').screenshot({ path: pngFile });
		console.log(`${pngFile}: ${width} × ${height} at 2×`);
	} finally {
		await browser.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
