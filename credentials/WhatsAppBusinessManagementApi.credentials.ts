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
			description: "Graph API address. Change it only for a proxy or the package's local simulator.",
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
	};
}
