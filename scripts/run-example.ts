/**
 * The main job: the example workflow examples/update-profiles-by-customer-id.json, its Copernica
 * node run by n8n's engine (WorkflowExecute) against the bundled Copernica emulator, with the
 * profiles each item's selection matches printed before and after.
 *
 *   npm run example
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import '../test/harness/environment';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { CopernicaEmulator } from '../emulator/server';
import { runCopernicaNode } from '../test/harness/engine';
import { EmulatorClient } from '../test/harness/emulatorClient';
import type { EmulatedProfile } from '../test/harness/emulatorClient';
import { PROJECT_ROOT } from '../test/harness/nodePackage';

const WORKFLOW = path.join(PROJECT_ROOT, 'examples', 'update-profiles-by-customer-id.json');
const SHOWN_FIELDS = ['customerid', 'email', 'firstname', 'city'];

interface WorkflowFile {
	name: string;
	nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
}

/** The items the workflow's "Sample data" (Set, JSON mode) and "Split Out" nodes produce. */
function sampleItems(workflow: WorkflowFile): IDataObject[] {
	const sample = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set');
	if (!sample) throw new Error(`${WORKFLOW} has no Set node with sample data`);
	const data = JSON.parse(String(sample.parameters.jsonOutput)) as IDataObject;
	const split = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.splitOut');
	return split ? (data[String(split.parameters.fieldToSplitOut)] as IDataObject[]) : [data];
}

function print(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function table(profiles: EmulatedProfile[]): string[] {
	if (profiles.length === 0) return ['    (no profile matches)'];
	return profiles.map((profile) => {
		const fields = SHOWN_FIELDS.map((name) => `${name}=${profile.fields[name] ?? ''}`).join('  ');
		return `    #${profile.ID}  ${fields}  interests=[${profile.interests.join(', ')}]`;
	});
}

async function main(): Promise<void> {
	const workflow = JSON.parse(fs.readFileSync(WORKFLOW, 'utf8')) as WorkflowFile;
	const copernicaNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-copernica.copernica');
	if (!copernicaNode) throw new Error(`${WORKFLOW} has no Copernica node`);
	const input = sampleItems(workflow);

	// A token made up for this run only: it is in no file.
	const token = `example_${randomBytes(12).toString('hex')}`;
	const emulator = new CopernicaEmulator({ tokens: [token] });
	const baseUrl = await emulator.start();
	const client = new EmulatorClient(emulator.origin);
	try {
		print(`Workflow: ${workflow.name} (${path.relative(PROJECT_ROOT, WORKFLOW)})`);
		print(`Copernica emulator: ${baseUrl}`);
		const matching = async (item: IDataObject) =>
			await client.profilesWhere('Customers', 'customerid', String(item.customerId));

		print('\nBefore: profiles matched by each item\'s selection (customerid == customerId)');
		for (const item of input) {
			print(`  customerid==${String(item.customerId)}`);
			table(await matching(item)).forEach((line) => print(line));
		}

		const result = await runCopernicaNode({
			parameters: copernicaNode.parameters,
			credentials: { accessToken: token, baseUrl },
			input,
		});
		if (result.error) {
			print(`\nThe Copernica node failed: ${result.error.message}`);
			print(`  ${result.error.description ?? ''}`);
			process.exitCode = 1;
			return;
		}

		print('\nThe Copernica node\'s output (one item per input item):');
		result.output.forEach((item) => print(`  ${JSON.stringify(item.json)}  pairedItem=${JSON.stringify(item.pairedItem)}`));

		print('\nAfter:');
		for (const item of input) {
			print(`  customerid==${String(item.customerId)}`);
			table(await matching(item)).forEach((line) => print(line));
		}
		const requests = await client.log();
		print(`\nRequests to Copernica: ${requests.length} (${requests.filter((entry) => entry.method === 'PUT').length} PUT)`);
	} finally {
		await emulator.stop();
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exitCode = 1;
});
