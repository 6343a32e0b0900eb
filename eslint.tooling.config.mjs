/**
 * Lint for the project's tooling: tests, the emulator, scripts and build files. They need
 * Node built-ins (http, fs, child_process) that n8n's community rules forbid in a node, so they
 * get a standard TypeScript configuration. The node and credential are linted by
 * eslint.config.mjs, n8n's own configuration, left as n8n ships it.
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
	require: 'readonly',
	module: 'writable',
	exports: 'writable',
	process: 'readonly',
	console: 'readonly',
	Buffer: 'readonly',
	__dirname: 'readonly',
};

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'nodes/**', 'credentials/**', '.tmp/**', '.e2e/**', 'coverage/**', 'docs/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: { globals: nodeGlobals },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	},
);
