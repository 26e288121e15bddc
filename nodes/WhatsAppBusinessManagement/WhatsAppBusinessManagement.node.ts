import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as phoneNumber from './actions/phoneNumber';
import * as preVerifiedNumber from './actions/preVerifiedNumber';
import { router } from './actions/router';
import {
	searchPhoneNumbers,
	searchPreVerifiedNumbers,
	searchWhatsAppBusinessAccounts,
} from './methods/listSearch';

export class WhatsAppBusinessManagement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Management',
		name: 'whatsAppBusinessManagement',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Manage WhatsApp Business pre-verified phone numbers and WABA phone numbers with Meta's Graph API",
		defaults: { name: 'WhatsApp Business Management' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessManagementApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'Pre-Verified Phone Number', value: 'preVerifiedNumber' },
				],
				default: 'preVerifiedNumber',
			},
			...preVerifiedNumber.description,
			...phoneNumber.description,
		],
	};

	methods = {
		listSearch: { searchPhoneNumbers, searchPreVerifiedNumbers, searchWhatsAppBusinessAccounts },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
