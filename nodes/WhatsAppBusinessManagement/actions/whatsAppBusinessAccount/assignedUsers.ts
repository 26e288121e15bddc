import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { quoteInput } from '../../helpers/userInput';

// The users assigned to a client's WABA (the contract's /{WABA-ID}/assigned_users; Meta's
// "Manage system users": partners add their own system user to each client WABA after signup).

/**
 * The contract's WhatsAppBusinessAccountPermissionTask. Meta's "Manage system users" page (Jun
 * 16, 2026) lists all but FULL_CONTROL and RECEIVE_INCOMING_MESSAGES (docs/meta-limits.md).
 */
export const PERMISSION_TASKS: Array<{ name: string; value: string; description?: string }> = [
	{ name: 'Develop', value: 'DEVELOP', description: 'Use the WABA with the Graph API' },
	{ name: 'Full Control', value: 'FULL_CONTROL', description: 'In the contract only' },
	{ name: 'Manage', value: 'MANAGE', description: 'Everything on the WABA' },
	{ name: 'Manage Billing', value: 'MANAGE_BILLING' },
	{ name: 'Manage Extensions', value: 'MANAGE_EXTENSIONS' },
	{ name: 'Manage Phone', value: 'MANAGE_PHONE' },
	{ name: 'Manage Phone Assets', value: 'MANAGE_PHONE_ASSETS' },
	{ name: 'Manage Templates', value: 'MANAGE_TEMPLATES' },
	{ name: 'Manage Users', value: 'MANAGE_USERS' },
	{ name: 'Messaging', value: 'MESSAGING' },
	{
		name: 'Receive Incoming Messages',
		value: 'RECEIVE_INCOMING_MESSAGES',
		description: 'In the contract only',
	},
	{ name: 'View Cost', value: 'VIEW_COST' },
	{ name: 'View Insights', value: 'VIEW_INSIGHTS' },
	{ name: 'View Phone Assets', value: 'VIEW_PHONE_ASSETS' },
	{ name: 'View Templates', value: 'VIEW_TEMPLATES' },
];

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '10000000000001',
	description:
		"The system user's ID (Meta Business Suite → Business settings → Users → System users), digits only",
};

export function readUserId(value: unknown): string {
	const id = String(value ?? '').trim();
	if (!/^[0-9]+$/.test(id)) {
		throw new InputError(
			`User ID ${quoteInput(id)} is not valid: use the digits of the system user's ID, e.g. 10000000000001.`,
		);
	}
	return id;
}
