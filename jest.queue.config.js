/** @type {import('jest').Config} n8n's queue mode for real: Redis, PostgreSQL, n8n main + 2 workers. */
module.exports = {
	...require('./jest.config'),
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.e2e.ts'],
	testTimeout: 30 * 60_000,
	maxWorkers: 1,
};
