import * as path from 'node:path';

import type { Page } from 'playwright-core';

/** What the browser checks do in n8n's editor, with selectors that hold for n8n 1.85 and 2.x. */

const NDV = '[data-test-id="ndv"]';
const DATABASE = '[data-test-id="resource-locator-database"]';
const SELECTION_FIELD = '[data-test-id="fixed-collection-selection"] [data-test-id="parameter-input-field"]';
const VISIBLE_OPTIONS = '.el-select-dropdown__item:visible';

/** Opens a workflow and the Copernica node's parameter panel (double-click, as a user does). */
export async function openCopernicaNode(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	const node = page.locator('[data-test-id="canvas-node"][data-node-name="Copernica"]');
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await node.dblclick();
	await page.locator(NDV).waitFor({ state: 'visible' });
	await page.locator(DATABASE).waitFor({ state: 'visible' });
}

/** The `parameter-input-<name>` elements shown in the panel. */
export async function renderedParameters(page: Page): Promise<string[]> {
	const ids = await page
		.locator(`${NDV} [data-test-id^="parameter-input-"]`)
		.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-test-id') ?? ''));
	return [...new Set(ids.map((id) => id.replace(/^parameter-input-/, '')))];
}

/** Switches Database to From List and returns what the list offers, then picks `pick`. */
export async function databaseListEntries(page: Page, pick: string): Promise<string[]> {
	const database = page.locator(DATABASE);
	await database.locator('[data-test-id="rlc-mode-selector"]').click();
	await page.locator(VISIBLE_OPTIONS, { hasText: /from list/i }).click();
	await database.locator('[data-test-id="rlc-input"]').click();
	const items = page.locator('[data-test-id="rlc-item"]');
	await items.first().waitFor({ state: 'visible', timeout: 30_000 });
	const entries = await items.allInnerTexts();
	await items.filter({ hasText: pick }).first().click();
	return entries.map((entry) => entry.trim());
}

/** Opens the first condition's Field dropdown, returns the option names, and picks `pick`. */
export async function selectionFieldOptions(page: Page, pick: string): Promise<string[]> {
	await page.locator(SELECTION_FIELD).click();
	const options = page.locator(VISIBLE_OPTIONS);
	await options.first().waitFor({ state: 'visible', timeout: 30_000 });
	const names = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await options.nth(names.indexOf(pick)).click();
	return names;
}

/**
 * The field mapper in the open panel: the chosen mapping mode and the text of its fields
 * (their labels), once n8n has loaded them from the node's resourceMapping method.
 */
export async function fieldMapperShown(page: Page): Promise<{ mode: string; fields: string }> {
	const container = page.locator(`${NDV} [data-test-id="mapping-fields-container"]`);
	await container.waitFor({ state: 'visible', timeout: 30_000 });
	const mode = await page.locator(`${NDV} [data-test-id="mapping-mode-select"] input`).first().inputValue();
	return { mode: mode.trim(), fields: await container.innerText() };
}

/** The open parameter panel as a PNG, once no dropdown is left fading out. */
export async function screenshotPanel(page: Page, file: string): Promise<string> {
	await page.mouse.move(0, 0);
	await page.locator(VISIBLE_OPTIONS).first().waitFor({ state: 'hidden' });
	await page.waitForTimeout(600);
	await page.screenshot({ path: file });
	return path.resolve(file);
}
