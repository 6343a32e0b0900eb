import { randomUUID } from 'node:crypto';
import * as path from 'node:path';

import type { CopernicaEmulator } from '../emulator/server';
import { E2E_ROOT, ensureN8n, packProject } from './install';
import { N8nInstance } from './n8nInstance';
import type { N8nVersion } from './versions';

/**
 * Setup the end-to-end test files share: the packed package (built and packed once per test
 * file), a fresh n8n user folder with it installed as the Community Nodes screen installs it,
 * and the Copernica credential the workflows refer to.
 */

export const SETUP_TIMEOUT = 30 * 60 * 1000;

/** The credential the example workflows (and the trigger's workflow) refer to. */
export const CREDENTIAL = { id: 'copernicaEmulator', name: 'Copernica (emulator)', type: 'copernicaApi' };

let tarball: string | undefined;
export function packedProject(): string {
	tarball ??= packProject();
	return tarball;
}

/**
 * A real n8n of `target`, with its own user folder `.e2e/<folder>-<version>` emptied first, the
 * package installed and the credential imported for the emulator's v3 API and `token`.
 */
export async function n8nWithPackage(
	target: N8nVersion,
	folder: string,
	emulator: CopernicaEmulator,
	token: string,
	extraEnv: Record<string, string> = {},
): Promise<N8nInstance> {
	const install = ensureN8n(target);
	const n8n = new N8nInstance(install, path.join(E2E_ROOT, `${folder}-${target.version}`), extraEnv);
	n8n.reset();
	await n8n.installCommunityPackage(packedProject());
	await n8n.importCredentials([{ ...CREDENTIAL, data: { accessToken: token, baseUrl: emulator.baseUrl } }]);
	return n8n;
}

/**
 * A workflow of a Copernica Trigger (Profile Updated in database `databaseId`, the signing key
 * looked up at `dnsResolver`) followed by a No Operation, as the editor saves one; `webhookId` is
 * the node's webhookId, the path of its production URL.
 */
export function profileUpdatedTriggerWorkflow(options: {
	name: string;
	triggerName: string;
	webhookId: string;
	databaseId: string;
	dnsResolver: string;
	credential: { id: string; name: string };
}) {
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: options.triggerName,
				type: 'n8n-nodes-copernica.copernicaTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: options.webhookId,
				parameters: {
					event: 'profileUpdated',
					database: { __rl: true, mode: 'id', value: options.databaseId },
					options: { dnsResolver: options.dnsResolver },
				},
				credentials: { copernicaApi: { id: options.credential.id, name: options.credential.name } },
			},
			{ id: randomUUID(), name: 'No Operation', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [options.triggerName]: { main: [[{ node: 'No Operation', type: 'main', index: 0 }]] } },
	};
}
