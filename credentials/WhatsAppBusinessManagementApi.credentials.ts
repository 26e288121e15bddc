import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
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
