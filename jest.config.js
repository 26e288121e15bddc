/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
	setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
	testTimeout: 60_000,
	// Integration files start their own servers; two workers fit a 2-core machine.
	maxWorkers: 2,
};
