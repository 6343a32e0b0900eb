/**
 * Installs the real n8n releases of the end-to-end suite into .e2e/ (or confirms they are there):
 * `npm run e2e:setup`. The suite and `npm run dev` call the same code on demand.
 */
import { ensureN8n } from '../e2e/install';
import { N8N_VERSIONS } from '../e2e/versions';

for (const target of N8N_VERSIONS) {
	const install = ensureN8n(target);
	process.stdout.write(`n8n ${install.version}: ${install.runtime.binary} ${install.cli}\n`);
}
