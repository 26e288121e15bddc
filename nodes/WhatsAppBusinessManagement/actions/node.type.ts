import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { GraphConnection } from '../transport';
import type { ItemWithFile } from './output';

/** One item's result: its output json, several (one output item each), or items with a file. */
export type RunResult = IDataObject | Array<IDataObject | ItemWithFile> | ItemWithFile;

/**
 * One operation: its fields, how one item's parameters are read, and one item's calls to Meta.
 * The router does the rest (the item loop, concurrency, error items, continue on fail).
 */
export interface Operation<Prepared = unknown> {
	description: INodeProperties[];
	/**
	 * Reads and checks one item's parameters, throwing an InputError that says what to fix.
	 * Runs for every item before the first request. `options` is the node's Options collection.
	 */
	prepare(context: IExecuteFunctions, itemIndex: number, options: IDataObject): Prepared;
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
		| 'getMany'
		| 'register'
		| 'requestCode'
		| 'requestDisplayNameChange'
		| 'setPin'
		| 'updateBusinessProfile'
		| 'verifyCode';
	whatsAppBusinessAccount:
		'get' | 'getMany' | 'getSubscribedApps' | 'subscribeApp' | 'unsubscribeApp';
	qrCode: 'create' | 'delete' | 'get' | 'getMany' | 'update';
}

export type OperationMap = {
	[R in keyof WhatsAppBusinessManagementMap]: Record<WhatsAppBusinessManagementMap[R], Operation>;
};
