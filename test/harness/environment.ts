import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * n8n-core keeps instance settings in N8N_USER_FOLDER; give every test process its own,
 * so tests neither read nor write a real n8n's ~/.n8n.
 */
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-n8n-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
