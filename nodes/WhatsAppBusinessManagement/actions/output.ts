import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

const WITH_FILE = Symbol('output item with a file');

/** An output item that carries a file (binary data) beside its json: see withFile. */
export interface ItemWithFile {
	readonly [WITH_FILE]: true;
	json: IDataObject;
	binary: IBinaryKeyData;
}

/** What an operation's run returns for an item whose output carries a file, e.g. a QR image. */
export function withFile(json: IDataObject, binary: IBinaryKeyData): ItemWithFile {
	return { [WITH_FILE]: true, json, binary };
}

export function isItemWithFile(value: unknown): value is ItemWithFile {
	return typeof value === 'object' && value !== null && WITH_FILE in value;
}
