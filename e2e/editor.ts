import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import type { RestClient } from './restApi';
import { BROWSER_ID } from './restApi';

/**
 * n8n's editor in Debian's Chromium, driven by playwright-core. The machines have no internet,
 * so Chromium starts without any background networking, and with a fresh profile each time.
 */

export const CHROMIUM = '/usr/bin/chromium';

export interface Editor {
	context: BrowserContext;
	page: Page;
	/** Console errors and uncaught page errors, in order, with the URL they came from. */
	consoleErrors: Array<{ text: string; url: string }>;
	close(): Promise<void>;
}

export async function openEditor(baseUrl: string, rest: RestClient): Promise<Editor> {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'copernica-chromium-'));
	// A persistent context is how playwright passes --user-data-dir: here, a new empty profile.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	// Share the REST client's session: n8n ties the cookie to the browser ID the editor sends.
	await context.addInitScript((browserId) => {
		window.localStorage.setItem('n8n-browserId', browserId);
	}, BROWSER_ID);
	await context.addCookies([{ name: 'n8n-auth', value: rest.authCookie, url: baseUrl }]);
	const page = await context.newPage();
	const consoleErrors: Editor['consoleErrors'] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push({ text: message.text(), url: message.location().url });
	});
	page.on('pageerror', (error) => consoleErrors.push({ text: `pageerror: ${error.message}`, url: '' }));
	return {
		context,
		page,
		consoleErrors,
		close: async () => {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/**
 * Errors the node can cause: anything naming it, its icons, its dropdowns (n8n's
 * dynamic-node-parameters endpoint) or its description. n8n's own requests to services the
 * offline machine cannot reach are not the node's.
 */
export function errorsCausedByNode(errors: Editor['consoleErrors']): Editor['consoleErrors'] {
	return errors.filter(({ text, url }) =>
		/copernica|dynamic-node-parameters|node-types|types\/(nodes|credentials)\.json/i.test(`${text} ${url}`),
	);
}
