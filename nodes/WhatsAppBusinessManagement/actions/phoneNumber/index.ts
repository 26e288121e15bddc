import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { addToWaba } from './addToWaba.operation';
import { configureConversationalAutomation } from './configureConversationalAutomation.operation';
import { deregister } from './deregister.operation';
import { get } from './get.operation';
import { getBusinessProfile } from './getBusinessProfile.operation';
import { getHealthStatus } from './getHealthStatus.operation';
import { getMany } from './getMany.operation';
import { getObaStatus } from './getObaStatus.operation';
import { register } from './register.operation';
import { requestCode } from './requestCode.operation';
import { requestDisplayNameChange } from './requestDisplayNameChange.operation';
import { requestOba } from './requestOba.operation';
import { setPin } from './setPin.operation';
import { updateBusinessProfile } from './updateBusinessProfile.operation';
import { verifyCode } from './verifyCode.operation';

export const operations: OperationMap['phoneNumber'] = {
	addToWaba,
	configureConversationalAutomation,
	deregister,
	get,
	getBusinessProfile,
	getHealthStatus,
	getMany,
	getObaStatus,
	register,
	requestCode,
	requestDisplayNameChange,
	requestOba,
	setPin,
	updateBusinessProfile,
	verifyCode,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'Add to WhatsApp Business Account',
				value: 'addToWaba',
				description: "Add a number to a client's WABA, or claim a pre-verified number for it",
				action: 'Add a phone number to a business account',
			},
			{
				name: 'Configure Conversational Automation',
				value: 'configureConversationalAutomation',
				description: 'Set the welcome message, ice-breaker prompts and commands',
				action: 'Configure conversational automation',
			},
			{
				name: 'Deregister',
				value: 'deregister',
				description: 'Take the number off the Cloud API',
				action: 'Deregister a phone number',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a number: status, quality rating, messaging limit, name review',
				action: 'Get a business phone number',
			},
			{
				name: 'Get Business Profile',
				value: 'getBusinessProfile',
				description: 'Get how the number shows to customers: about, address, websites',
				action: 'Get a business profile',
			},
			{
				name: 'Get Health Status',
				value: 'getHealthStatus',
				description:
					'Whether the number can send messages, and what blocks or limits it (number, WABA, business, app)',
				action: 'Get the health status of a phone number',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the WABA's phone numbers with their status",
				action: 'Get many business phone numbers',
			},
			{
				name: 'Get Official Business Account Status',
				value: 'getObaStatus',
				description:
					'Where the request for the blue badge stands (NOT_STARTED, PENDING, APPROVED, REJECTED)',
				action: 'Get the official business account status',
			},
			{
				name: 'Register',
				value: 'register',
				description: 'Register the number on the Cloud API with a two-step PIN',
				action: 'Register a phone number',
			},
			{
				name: 'Request Display Name Change',
				value: 'requestDisplayNameChange',
				description: "Submit a new display name for Meta's review",
				action: 'Request a display name change',
			},
			{
				name: 'Request Official Business Account',
				value: 'requestOba',
				description: "Ask Meta for the blue badge, with the business's website and press links",
				action: 'Request an official business account',
			},
			{
				name: 'Request Verification Code',
				value: 'requestCode',
				description: 'Send a verification code to the number by SMS or voice call',
				action: 'Request a verification code for a business number',
			},
			{
				name: 'Set Two-Step Verification PIN',
				value: 'setPin',
				description: "Set or change the number's two-step verification PIN",
				action: 'Set a verification pin',
			},
			{
				name: 'Update Business Profile',
				value: 'updateBusinessProfile',
				description: 'Change the about text, address, description, email, industry or websites',
				action: 'Update a business profile',
			},
			{
				name: 'Verify Code',
				value: 'verifyCode',
				description: 'Verify the number with the code it received',
				action: 'Verify a code for a business number',
			},
		],
		default: 'get',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
