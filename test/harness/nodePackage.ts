import 'reflect-metadata';

import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import * as path from 'node:path';

/**
 * The package as n8n loads it: PackageDirectoryLoader reads package.json's `n8n` section and
 * loads the built files from dist/, so node types are named `n8n-nodes-copernica.<name>`
 * exactly as after an install from the Community Nodes screen.
 */

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface LoadedPackage {
	packageName: string;
	nodeTypes: INodeTypes;
	credentialType(name: string): ICredentialType;
	nodeType(name: string): INodeType;
}

let loaded: Promise<LoadedPackage> | undefined;

async function load(root: string): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	const prefix = `${loader.packageName}.`;
	const shortName = (type: string) => (type.startsWith(prefix) ? type.slice(prefix.length) : type);
	const byName = (type: string): INodeType | IVersionedNodeType => {
		// n8n runs a `usableAsTool` node for an AI agent as a copy named `<name>Tool` (createAiTools).
		const name = shortName(type);
		const entry = loader.nodeTypes[name] ?? (name.endsWith('Tool') ? loader.nodeTypes[name.slice(0, -'Tool'.length)] : undefined);
		if (!entry) throw new Error(`Unknown node type ${type}`);
		return entry.type;
	};
	const nodeTypes: INodeTypes = {
		getByName: byName,
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(byName(type), version),
		getKnownTypes: () => loader.known.nodes as unknown as IDataObject,
	};
	return {
		packageName: loader.packageName,
		nodeTypes,
		credentialType: (name) => {
			const entry = loader.credentialTypes[name];
			if (!entry) throw new Error(`Unknown credential type ${name}`);
			return entry.type;
		},
		nodeType: (name) => nodeTypes.getByNameAndVersion(`${prefix}${name}`),
	};
}

/** The built package (run `npm run build` first), loaded once per process. */
export async function loadNodePackage(): Promise<LoadedPackage> {
	loaded ??= load(PROJECT_ROOT);
	return await loaded;
}
