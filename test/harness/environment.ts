import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * n8n-core keeps instance settings in N8N_USER_FOLDER; every test worker gets its own, so tests
 * neither read nor write a real n8n's ~/.n8n.
 *
 * n8n's logger writes at debug level to a file, not the console: the test output stays readable
 * and the secrecy tests read everything n8n logged (see n8nLog.ts). The logger is a singleton
 * that outlives a test file, so these settings are the same for every file of a worker.
 */
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-n8n-'));
}
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_OUTPUT = 'file';
process.env.N8N_LOG_FILE_LOCATION ??= path.join(process.env.N8N_USER_FOLDER, 'n8n.log');
