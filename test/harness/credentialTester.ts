import 'reflect-metadata';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialsDecrypted,
	INode,
	INodeCredentialTestResult,
	INodeType,
	IRunExecutionData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import type { CopernicaCredentials } from './engine';
import { additionalDataFor, helperFor } from './engine';
import { loadNodePackage } from './nodePackage';

/** `a.b.c` of an object, as lodash's get reads the rule keys. */
function valueAt(value: unknown, dottedPath: string): unknown {
	return dottedPath
		.split('.')
		.reduce<unknown>((current, key) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined), value);
}

/**
 * The editor's credential "Test" button, as n8n's CLI runs it for a credential with a `test`
 * request (packages/cli/src/services/credentials-tester.service.ts): the request goes through a
 * RoutingNode with the credential applied, then the `rules` decide what the user is told.
 */
export async function testCredential(credentials: CopernicaCredentials): Promise<INodeCredentialTestResult> {
	const nodePackage = await loadNodePackage();
	const credentialType = nodePackage.credentialType('copernicaApi');
	const testRequest = credentialType.test!;
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: 'copernicaApi', required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { copernicaApi: { id: '1', name: 'Copernica account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const runExecutionData: IRunExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(await helperFor(credentials)),
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted: ICredentialsDecrypted = { id: '1', name: 'Copernica account', type: 'copernicaApi', data: credentials };
	let response;
	try {
		response = await new RoutingNode(context, nodeType, decrypted).runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			return { status: 'Error', message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
		}
		return { status: 'Error', message: cause?.code ?? (error as Error).message };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json;
			if (valueAt(json, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
