import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as creditLine from './actions/creditLine';
import * as messageTemplate from './actions/messageTemplate';
import * as phoneNumber from './actions/phoneNumber';
import * as preVerifiedNumber from './actions/preVerifiedNumber';
import * as qrCode from './actions/qrCode';
import { router } from './actions/router';
import * as whatsAppBusinessAccount from './actions/whatsAppBusinessAccount';
import {
	searchCreditLines,
	searchMessageTemplates,
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
		// 1.1: Phone Number → Get Many lost the Messaging Limit Tier filter (Meta deprecated the
		// field); saved 1.0 nodes keep it, and run with a notice. New nodes get the highest
		// version; no defaultVersion, with which n8n would not add its Custom API Call option.
		version: [1, 1.1],
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			"Manage WhatsApp Business pre-verified phone numbers, WABAs, their phone numbers, profiles, QR codes, message templates, credit lines, analytics and health with Meta's Graph API",
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
					{ name: 'Credit Line', value: 'creditLine' },
					{ name: 'Message Template', value: 'messageTemplate' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{ name: 'Pre-Verified Phone Number', value: 'preVerifiedNumber' },
					{ name: 'QR Code', value: 'qrCode' },
					{ name: 'WhatsApp Business Account', value: 'whatsAppBusinessAccount' },
				],
				default: 'preVerifiedNumber',
			},
			...preVerifiedNumber.description,
			...phoneNumber.description,
			...whatsAppBusinessAccount.description,
			...qrCode.description,
			...messageTemplate.description,
			...creditLine.description,
		],
	};

	methods = {
		listSearch: {
			searchCreditLines,
			searchMessageTemplates,
			searchPhoneNumbers,
			searchPreVerifiedNumbers,
			searchWhatsAppBusinessAccounts,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
