/** @type {import('jest').Config} The real n8n: installs it (cached) and runs our packed package. */
module.exports = {
	...require('./jest.config'),
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	testTimeout: 20 * 60_000,
	// Side by side: the trigger file mostly waits for n8n's poll minute.
	maxWorkers: 2,
	globalSetup: '<rootDir>/test/e2e/globalSetup.ts',
};
