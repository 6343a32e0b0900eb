import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The Copernica REST access token, sent the way Copernica's v3 API expects it: as the
 * `access_token` query parameter. n8n applies it through `authenticate`, so the node never
 * reads the token and cannot leak it into output or errors.
 */
export class CopernicaApi implements ICredentialType {
	name = 'copernicaApi';

	displayName = 'Copernica API';

	icon: Icon = { light: 'file:../icons/copernica.svg', dark: 'file:../icons/copernica.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-copernica/n8n-nodes-copernica#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A REST API access token. Create one in Copernica Marketing Suite under Configuration → API access tokens.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.copernica.com/v3',
			required: true,
			description:
				'Copernica REST API v3 address. Use https://rest.copernica.com/v3 for large lists, or another address for a test server.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				access_token: '={{$credentials.accessToken}}',
			},
		},
	};

	/**
	 * Copernica answers a bad token with HTTP 400 and `{"error":{"message":"Invalid access token"}}`.
	 * n8n's tester reports only the HTTP status text for a failed request, so the test keeps the
	 * response and lets the rules turn Copernica's own message into the result.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/identity',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error.message',
					value: 'Invalid access token',
					message:
						'Copernica says: Invalid access token. Create a new token in Copernica under Configuration → API access tokens.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'name',
					value: undefined,
					message:
						'The API Base URL did not answer like Copernica\'s REST API v3 (GET identity returned no account). Check the API Base URL.',
				},
			},
		],
	};
}
