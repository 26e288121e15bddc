/** @type {import('jest').Config} The real n8n: installs it (cached) and runs our packed package. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
	testTimeout: 20 * 60_000,
	maxWorkers: 1,
};
