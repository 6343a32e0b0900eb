/** Tests run the built package (dist/) through n8n's engine; `npm test` builds first. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.tooling.json', }],
	},
	setupFiles: ['<rootDir>/test/harness/environment.ts'],
	testTimeout: 60000,
};
