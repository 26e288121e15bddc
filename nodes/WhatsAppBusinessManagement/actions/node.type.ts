import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ConnectionSettings, GraphConnection } from '../transport';
import type { ItemWithFile } from './output';

/** One item's result: its output json, several (one output item each), or items with a file. */
export type RunResult = IDataObject | Array<IDataObject | ItemWithFile> | ItemWithFile;

/**
 * The item's own values of the Options collection, read for that item (partners drive them from
 * a sheet, one row per client). Run settings are taken out: only the router reads those.
 */
export type ItemOptions = IDataObject;

/**
 * Settings of the whole run (retries, timeout, pacing, Validate Only), read once by the router
 * from the first item. Every other value is the item's own.
 */
export interface RunSettings {
	connection: ConnectionSettings;
	validateOnly: boolean;
	/** The credential's Business ID ('' when none): what an empty Business ID field means. */
	credentialBusinessId: string;
	/** The credential's App ID ('' when none): what uploads need. */
	credentialAppId: string;
}

/**
 * One operation: its fields, how one item's parameters are read, and one item's calls to Meta.
 * The router does the rest (the item loop, concurrency, error items, continue on fail).
 */
export interface Operation<Prepared = unknown> {
	description: INodeProperties[];
	/**
	 * Reads and checks one item's parameters, throwing an InputError that says what to fix.
	 * Runs for every item before the first request. Every value is read for `itemIndex`;
	 * `options` holds that item's own Options, `run` the settings of the whole run.
	 */
	prepare(
		context: IExecuteFunctions,
		itemIndex: number,
		options: ItemOptions,
		run: Readonly<RunSettings>,
	): Prepared;
	/** One item's calls to Meta; a list gives one output item per entry. */
	run(
		context: IExecuteFunctions,
		connection: GraphConnection,
		prepared: Prepared,
	): Promise<RunResult>;
	/** With the Validate Only option: the item's output without calling Meta. */
	preview?(prepared: Prepared): IDataObject;
	/** What an error item tells about its input beyond the error, e.g. the phone number. */
	errorContext?(context: IExecuteFunctions, itemIndex: number, prepared?: Prepared): IDataObject;
}

/** Every resource and its operations, as the node's Resource and Operation fields name them. */
export interface WhatsAppBusinessManagementMap {
	preVerifiedNumber:
		| 'add'
		| 'delete'
		| 'get'
		| 'getMany'
		| 'getPartners'
		| 'requestCode'
		| 'share'
		| 'stopSharing'
		| 'verifyCode';
	phoneNumber:
		| 'addToWaba'
		| 'configureConversationalAutomation'
		| 'deregister'
		| 'get'
		| 'getBusinessProfile'
		| 'getHealthStatus'
		| 'getMany'
		| 'getObaStatus'
		| 'register'
		| 'requestCode'
		| 'requestDisplayNameChange'
		| 'requestOba'
		| 'setPin'
		| 'updateBusinessProfile'
		| 'verifyCode';
	whatsAppBusinessAccount:
		| 'assignUser'
		| 'get'
		| 'getAnalytics'
		| 'getAssignedUsers'
		| 'getHealthStatus'
		| 'getMany'
		| 'getOnboardingStatus'
		| 'getSubscribedApps'
		| 'removeUser'
		| 'subscribeApp'
		| 'unsubscribeApp';
	qrCode: 'create' | 'delete' | 'get' | 'getMany' | 'update';
	creditLine: 'getMany' | 'getSharings' | 'getStatus' | 'revoke' | 'share';
	messageTemplate: 'copy' | 'create' | 'delete' | 'edit' | 'get' | 'getHealthStatus' | 'getMany';
}

export type OperationMap = {
	[R in keyof WhatsAppBusinessManagementMap]: Record<WhatsAppBusinessManagementMap[R], Operation>;
};
