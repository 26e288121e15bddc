import type { INodeProperties } from 'n8n-workflow';

// The trigger's panel: what it watches, whose, which events, and the options.
export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Every Client WABA of a Business',
				value: 'everyClientWaba',
				description:
					'One trigger for every client: their numbers, templates, reviews and messaging limits, clients arriving and leaving, each WABA read once per interval',
			},
			{
				name: 'Client WABAs of a Business',
				value: 'clientWabas',
				description:
					"The partner's client WABAs: a client arrived after Embedded Signup, or removed the partner; a client gained or lost the credit line",
			},
			{
				name: 'Phone Numbers of a WhatsApp Business Account',
				value: 'phoneNumbers',
				description:
					"A client WABA's numbers (status, quality rating, messaging limit, name review, health) and its message templates (status, quality, category)",
			},
			{
				name: 'Pre-Verified Numbers of a Business',
				value: 'preVerifiedNumbers',
				description: "The partner's pool: added, verified, expiring, verification lost, left",
			},
		],
		default: 'preVerifiedNumbers',
	},
	{
		displayName: 'Business ID',
		name: 'businessId',
		type: 'string',
		default: '',
		placeholder: "The credential's Business ID",
		description:
			"ID of the business portfolio whose pre-verified numbers or client WABAs are watched (digits only). Leave empty to use the credential's Business ID.",
		displayOptions: {
			show: { watch: ['preVerifiedNumbers', 'clientWabas', 'everyClientWaba'] },
		},
	},
	{
		displayName: 'WhatsApp Business Account ID',
		name: 'wabaId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '2345678901234567',
		description:
			'ID of the WhatsApp Business Account whose phone numbers are watched (digits only)',
		displayOptions: { show: { watch: ['phoneNumbers'] } },
	},
	{
		displayName: 'Events',
		name: 'poolEvents',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Added to Pool',
				value: 'added',
				description: 'A number appeared in the pool',
			},
			{
				name: 'Left the Pool',
				value: 'leftPool',
				description: 'A number left the pool: claimed by a client, deleted or removed by Meta',
			},
			{
				name: 'Verification Expiring',
				value: 'verificationExpiring',
				description: 'A verified number expires within the days set below (once per verification)',
			},
			{
				name: 'Verification Lost',
				value: 'verificationLost',
				description: 'A verified number became not verified or expired',
			},
			{ name: 'Verified', value: 'verified', description: 'A number became verified' },
		],
		default: ['verificationExpiring', 'verificationLost', 'leftPool'],
		displayOptions: { show: { watch: ['preVerifiedNumbers'] } },
	},
	{
		displayName: 'Expiring Within (Days)',
		name: 'expiringWithinDays',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 90 },
		default: 14,
		description:
			'Verification Expiring fires when this many days or fewer are left. Re-verification is possible in the last 45 days.',
		displayOptions: {
			show: { watch: ['preVerifiedNumbers'], poolEvents: ['verificationExpiring'] },
		},
	},
	{
		displayName: 'Events',
		name: 'phoneNumberEvents',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Account Review Status Changed',
				value: 'accountReviewStatusChanged',
				description:
					"Meta's review of the WABA itself moved on (APPROVED, PENDING, REJECTED, RESTRICTED); one more request per poll",
			},
			{
				name: 'Display Name Status Changed',
				value: 'nameStatusChanged',
				description: "Meta's review of the display name moved on",
			},
			{
				name: 'Health Status Changed',
				value: 'healthStatusChanged',
				description:
					"Whether a number can send changed (AVAILABLE, LIMITED, BLOCKED), for the number or its WABA, business or app; with Meta's reasons",
			},
			{
				name: 'Messaging Limit Changed',
				value: 'messagingLimitChanged',
				description:
					"The messaging limit went up or down: the business portfolio's (250, 2K, 10K, 100K, unlimited), shared by all its numbers",
			},
			{
				name: 'Quality Rating Changed',
				value: 'qualityChanged',
				description: 'The quality rating changed (GREEN, YELLOW, RED)',
			},
			{
				name: 'Status Changed',
				value: 'statusChanged',
				description: 'The number was connected, disconnected, flagged or restricted',
			},
			{
				name: 'Template Category Changed',
				value: 'templateCategoryChanged',
				description:
					"Meta moved a message template to another category; reads the WABA's templates",
			},
			{
				name: 'Template Quality Changed',
				value: 'templateQualityChanged',
				description:
					"A message template's quality changed (GREEN, YELLOW, RED); reads the WABA's templates",
			},
			{
				name: 'Template Status Changed',
				value: 'templateStatusChanged',
				description:
					"A message template was created or copied (PENDING), or Meta approved, rejected (with the reason), paused or disabled it; reads the WABA's templates",
			},
		],
		default: ['statusChanged', 'qualityChanged'],
		displayOptions: { show: { watch: ['phoneNumbers'] } },
	},
	// After the pool's and the numbers' Events: n8n's node creator lists the first one's.
	{
		displayName: 'Events',
		name: 'clientWabaEvents',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Client WABA Added',
				value: 'clientWabaAdded',
				description:
					"A client's WABA appeared among the business's client WABAs (after Embedded Signup)",
			},
			{
				name: 'Client WABA Removed',
				value: 'clientWabaRemoved',
				description: 'A client WABA left the list: the client removed the partner',
			},
			{
				name: 'Credit Line Sharing Changed',
				value: 'creditLineSharingChanged',
				description:
					"A client's business gained or lost the credit line below; one more list read per poll",
			},
		],
		default: ['clientWabaAdded', 'clientWabaRemoved'],
		displayOptions: { show: { watch: ['clientWabas'] } },
	},
	{
		displayName: 'Credit Line ID',
		name: 'creditLineId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '1972385232742146',
		description:
			"The partner's credit line whose sharings are watched (Credit Line → Get Many shows its ID)",
		displayOptions: {
			show: { watch: ['clientWabas'], clientWabaEvents: ['creditLineSharingChanged'] },
		},
	},
	{
		displayName: 'Events',
		name: 'fleetEvents',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Account Review Status Changed',
				value: 'accountReviewStatusChanged',
				description: "Meta's review of a client's WABA moved on (read with the client list)",
			},
			{ name: 'Client WABA Added', value: 'clientWabaAdded' },
			{
				name: 'Client WABA Readable Again',
				value: 'clientWabaReadable',
				description: 'A WABA that could not be read can be again',
			},
			{ name: 'Client WABA Removed', value: 'clientWabaRemoved' },
			{
				name: 'Client WABA Unreadable',
				value: 'clientWabaUnreadable',
				description:
					"A WABA could not be read (access removed, Meta down for it), with Meta's reason; once, until it recovers or the reason changes",
			},
			{ name: 'Display Name Status Changed', value: 'nameStatusChanged' },
			{
				name: 'Health Status Changed',
				value: 'healthStatusChanged',
				description: 'Whether a number can send changed (AVAILABLE, LIMITED, BLOCKED)',
			},
			{
				name: 'Messaging Limit Changed',
				value: 'messagingLimitChanged',
				description: "A business portfolio's messaging limit changed: one event per portfolio",
			},
			{ name: 'Quality Rating Changed', value: 'qualityChanged' },
			{ name: 'Status Changed', value: 'statusChanged' },
			{
				name: 'Template Category Changed',
				value: 'templateCategoryChanged',
				description: "Reads each WABA's templates: one more request per WABA",
			},
			{
				name: 'Template Quality Changed',
				value: 'templateQualityChanged',
				description: "Reads each WABA's templates: one more request per WABA",
			},
			{
				name: 'Template Status Changed',
				value: 'templateStatusChanged',
				description: "Reads each WABA's templates: one more request per WABA",
			},
		],
		default: [
			'qualityChanged',
			'healthStatusChanged',
			'templateStatusChanged',
			'clientWabaAdded',
			'clientWabaRemoved',
			'clientWabaUnreadable',
		],
		displayOptions: { show: { watch: ['everyClientWaba'] } },
	},
	{
		displayName: 'Check Each WABA Every (Minutes)',
		name: 'checkEveryMinutes',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 1440 },
		default: 30,
		description:
			'How often each client WABA is read, spread evenly over the polls (each poll reads its share). 30 minutes: 2 reads an hour, 2 to 4 requests per WABA and hour, under 5% of the ~200 management calls an hour Meta allows an app for a WABA. The client list is read once per interval too.',
		displayOptions: { show: { watch: ['everyClientWaba'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Include Owned WABAs',
				name: 'includeOwned',
				type: 'boolean',
				default: false,
				description:
					"Whether to watch the business's owned WABAs too, for partners who own their clients' WABAs (On-Behalf-Of)",
				displayOptions: { show: { '/watch': ['everyClientWaba'] } },
			},
			{
				displayName: 'Emit Existing on First Poll',
				name: 'emitExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether the first poll after activation emits what exists (for example every number as Added to Pool) instead of only recording it',
			},
		],
	},
];
