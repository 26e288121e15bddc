import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The Base URLs the token may travel to: https anywhere, plain http only to this machine (the
 * simulator, a local proxy). The node checks the same at run time (transport's validateBaseUrl);
 * this copy guards the editor field and Test connection, which run before the node does.
 */
export const SAFE_BASE_URL =
	'^\\s*([hH][tT][tT][pP][sS]://|[hH][tT][tT][pP]://(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d+)?(/|$))';

const PLAIN_HTTP = '^\\s*[hH][tT][tT][pP]://';

export const UNSAFE_BASE_URL_MESSAGE =
	'Use https:// (plain http:// only for localhost, 127.x.x.x or [::1]): over http the Access Token would travel unencrypted';

export class WhatsAppBusinessManagementApi implements ICredentialType {
	name = 'whatsAppBusinessManagementApi';

	displayName = 'WhatsApp Business Management API';

	icon = 'file:whatsapp.svg' as const;

	documentationUrl =
		'https://developers.facebook.com/docs/whatsapp/business-management-api/get-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'System user access token with the business_management and whatsapp_business_management permissions',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			required: true,
			default: 'v23.0',
			placeholder: 'v23.0',
			description:
				"Graph API version, like v23.0 (the version of Meta's published contract this node is tested against)",
			typeOptions: {
				validationRules: [
					{
						type: 'regex',
						properties: {
							regex: '^v\\d+\\.\\d+$',
							errorMessage: 'Use the form v23.0',
						},
					},
				],
			},
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://graph.facebook.com',
			description:
				"Graph API address. Change it only for a proxy or the package's local simulator.",
		},
		{
			// Shown under the field while a plain-http address to another machine is typed.
			displayName: `Base URL refused. ${UNSAFE_BASE_URL_MESSAGE}.`,
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: { baseUrl: [{ _cnd: { regex: PLAIN_HTTP } }] },
				hide: { baseUrl: [{ _cnd: { regex: SAFE_BASE_URL } }] },
			},
		},
		{
			displayName: 'Business ID',
			name: 'businessId',
			type: 'string',
			default: '',
			placeholder: '1234567890123456',
			description:
				"Optional: your business portfolio ID (digits only; Business Settings > Business info). Used wherever a node's Business ID is left empty, and by the From List pickers, so that panels need no Business ID.",
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			placeholder: '1234567890123456',
			description:
				"Optional: the ID of the Meta app the token belongs to (digits only; App Dashboard > your app > App settings > Basic). Needed only to upload files, such as a business profile picture from binary data, with Meta's Resumable Upload API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// An unsafe Base URL becomes a text that is no URL: n8n fails the test before any
			// connection, so the token never leaves for a plain-http remote host.
			baseURL: `={{ /${SAFE_BASE_URL.replace(/\//g, '\\/')}/i.test($credentials.baseUrl) ? $credentials.baseUrl.trim().replace(/\\/+$/, "") : ${JSON.stringify('Base URL refused. ' + UNSAFE_BASE_URL_MESSAGE)} }}`,
			url: '=/{{$credentials.apiVersion}}/me',
			method: 'GET',
		},
		// Without rules n8n shows only the HTTP status text ("Unauthorized").
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Meta rejected the Access Token (invalid, expired or revoked). Paste a current system user token.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Meta rejected the request: check the API Version (like v23.0) and that the Access Token is a valid token.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The Access Token lacks permissions: give it business_management and whatsapp_business_management.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Nothing answers at this Base URL and API Version: check both.',
				},
			},
		],
	};
}
