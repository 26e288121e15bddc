import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../node.type';
import { assignUser } from './assignUser.operation';
import { get } from './get.operation';
import { getAnalytics } from './getAnalytics.operation';
import { getAssignedUsers } from './getAssignedUsers.operation';
import { getHealthStatus } from './getHealthStatus.operation';
import { getMany } from './getMany.operation';
import { getOnboardingStatus } from './getOnboardingStatus.operation';
import { getSubscribedApps } from './getSubscribedApps.operation';
import { removeUser } from './removeUser.operation';
import { subscribeApp } from './subscribeApp.operation';
import { unsubscribeApp } from './unsubscribeApp.operation';

export const operations: OperationMap['whatsAppBusinessAccount'] = {
	assignUser,
	get,
	getAnalytics,
	getAssignedUsers,
	getHealthStatus,
	getMany,
	getOnboardingStatus,
	getSubscribedApps,
	removeUser,
	subscribeApp,
	unsubscribeApp,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['whatsAppBusinessAccount'] } },
		options: [
			{
				name: 'Assign User',
				value: 'assignUser',
				description:
					"Give a system user (yours, after a client's signup) tasks on the WABA; already assigned is a success",
				action: 'Assign a user to a whatsapp business account',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a WABA: name, currency, time zone, review and verification status',
				action: 'Get a whatsapp business account',
			},
			{
				name: 'Get Analytics',
				value: 'getAnalytics',
				description:
					'What the WABA sent and what it cost: pricing, messages, conversations or templates, one item per data point',
				action: 'Get analytics of a whatsapp business account',
			},
			{
				name: 'Get Assigned Users',
				value: 'getAssignedUsers',
				description: "List a business's users assigned to the WABA, with their tasks",
				action: 'Get the users assigned to a whatsapp business account',
			},
			{
				name: 'Get Health Status',
				value: 'getHealthStatus',
				description:
					'Whether the WABA can send messages, and what blocks or limits it (WABA, business, app)',
				action: 'Get the health status of a whatsapp business account',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the business's owned and client WABAs",
				action: 'Get many whatsapp business accounts',
			},
			{
				name: 'Get Onboarding Status',
				value: 'getOnboardingStatus',
				description:
					'Where a client stands: system user, credit line, webhooks, numbers, names, profiles, templates, health, and the next step (only reads)',
				action: 'Get the onboarding status of a whatsapp business account',
			},
			{
				name: 'Get Subscribed Apps',
				value: 'getSubscribedApps',
				description: "List the apps that receive the WABA's webhooks",
				action: 'Get the apps subscribed to webhooks',
			},
			{
				name: 'Remove User',
				value: 'removeUser',
				description: 'Take a user off the WABA; not assigned is a success',
				action: 'Remove a user from a whatsapp business account',
			},
			{
				name: 'Subscribe App to Webhooks',
				value: 'subscribeApp',
				description: "Receive the WABA's messages, statuses and account updates in your app",
				action: 'Subscribe the app to webhooks',
			},
			{
				name: 'Unsubscribe App',
				value: 'unsubscribeApp',
				description: "Stop receiving the WABA's webhooks",
				action: 'Unsubscribe the app from webhooks',
			},
		],
		default: 'get',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
