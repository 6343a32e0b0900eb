/**
 * The end-to-end suite: real n8n releases installed from the registry, the packed package,
 * `n8n execute`, n8n's REST API and its editor in Chromium. `npm run test:e2e`.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tooling.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/environment.ts'],
	testTimeout: 300000,
	verbose: true,
};
