/** @type {import('jest').Config} n8n's editor in Debian's Chromium against the real n8n. */
module.exports = {
	...require('./jest.config'),
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.e2e.ts'],
	testTimeout: 5 * 60_000,
	maxWorkers: 1,
};
