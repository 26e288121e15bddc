/** @type {import('jest').Config} n8n's editor in Debian's Chromium against the real n8n. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
	testTimeout: 5 * 60_000,
	maxWorkers: 1,
};
