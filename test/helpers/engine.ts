/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// Runs workflows in n8n-core's real engine (WorkflowExecute), in process, with our node and
// credential as n8n would load them. Only the credential store is ours: it hands out plain
// decrypted data and resolves the credential's generic `authenticate` with n8n's expressions.
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import { ICredentialsHelper, Workflow } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IConnections,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	ITriggerFunctions,
	ITriggerResponse,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { WhatsAppBusinessManagementApi } from '../../credentials/WhatsAppBusinessManagementApi.credentials';
import { join } from 'path';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { WhatsAppBusinessManagementTrigger } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node';

export const PACKAGE_NODE_TYPE =
	'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement';
export const CREDENTIAL_TYPE = 'whatsAppBusinessManagementApi';

/**
 * A manual trigger that emits the rows in its `rows` parameter, like a spreadsheet export (a
 * row's `_binary` as the item's binary data).
 */
export class RowsTrigger implements INodeType {
	description = {
		displayName: 'Rows Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Emits the rows it holds',
		defaults: { name: 'Rows' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Rows', name: 'rows', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const raw = this.getNodeParameter('rows', '[]') as string | IDataObject[];
		const rows = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		// A row's `_binary` becomes the item's binary data (base64 in `data`), as a file node gives.
		const items = rows.map(({ _binary, ...json }) =>
			_binary ? { json, binary: _binary as INodeExecutionData['binary'] } : { json },
		);
		const emit = async () => this.emit([items]);
		return { manualTriggerFunction: emit };
	}
}

export type NodeTypeMap = Record<string, INodeType | IVersionedNodeType>;

/** Our node from source, after a trigger that emits rows: what most engine tests need. */
export function sourceNodeTypes(): NodeTypeMap {
	return {
		'n8n-nodes-base.manualTrigger': new RowsTrigger(),
		[PACKAGE_NODE_TYPE]: new WhatsAppBusinessManagement(),
	};
}

/**
 * n8n's own Manual Trigger, Edit Fields (Set), Split Out, HTTP Request, Summarize, Filter,
 * Convert to File, Switch and No Operation nodes, as the example
 * workflows use them, with our node from `nodeFile` (the built bundle, by default).
 */
export function stockNodeTypes(
	nodeFile = join(
		__dirname,
		'../../dist/nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.js',
	),
): NodeTypeMap {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const base = (path: string) => require(`n8n-nodes-base/dist/nodes/${path}`);
	const { WhatsAppBusinessManagement: Built } = require(nodeFile);
	return {
		'n8n-nodes-base.manualTrigger': new (base(
			'ManualTrigger/ManualTrigger.node.js',
		).ManualTrigger)(),
		'n8n-nodes-base.set': new (base('Set/Set.node.js').Set)(),
		'n8n-nodes-base.splitOut': new (base('Transform/SplitOut/SplitOut.node.js').SplitOut)(),
		'n8n-nodes-base.httpRequest': new (base('HttpRequest/HttpRequest.node.js').HttpRequest)(),
		'n8n-nodes-base.summarize': new (base('Transform/Summarize/Summarize.node.js').Summarize)(),
		'n8n-nodes-base.filter': new (base('Filter/Filter.node.js').Filter)(),
		'n8n-nodes-base.convertToFile': new (base(
			'Files/ConvertToFile/ConvertToFile.node.js',
		).ConvertToFile)(),
		'n8n-nodes-base.switch': new (base('Switch/Switch.node.js').Switch)(),
		'n8n-nodes-base.noOp': new (base('NoOp/NoOp.node.js').NoOp)(),
		[PACKAGE_NODE_TYPE]: new Built(),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
}

export class TestNodeTypes implements INodeTypes {
	constructor(readonly types: NodeTypeMap = sourceNodeTypes()) {}

	getByName(type: string) {
		const found = this.types[type];
		if (!found) throw new Error(`Unknown node type ${type}`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const found = this.getByName(type);
		if ('nodeVersions' in found) {
			return found.nodeVersions[version ?? found.currentVersion];
		}
		return found;
	}

	getKnownTypes() {
		return {};
	}
}

const credentialTypes: Record<string, ICredentialType> = {
	[CREDENTIAL_TYPE]: new WhatsAppBusinessManagementApi(),
};

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = credentialTypes[typeName];
		const auth = type?.authenticate as IAuthenticateGeneric | undefined;
		if (!auth || auth.type !== 'generic' || !workflow || !node) return requestOptions;
		const resolve = (value: string) =>
			workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			}) as string;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [name, value] of Object.entries(auth.properties.headers ?? {})) {
			headers[name] = resolve(String(value));
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine in these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.store[type];
		if (!found) throw new Error(`No credential of type ${type}`);
		return { ...found };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowFile {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node, per output index. */
	outputs(nodeName: string): INodeExecutionData[][];
	error: IRun['data']['resultData']['error'];
}

/** What n8n hands a node besides the workflow: our credential store, hooks and addresses. */
export function testAdditionalData(
	credentials: ICredentialDataDecryptedObject,
	executionId: string,
	base: IWorkflowBase,
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks('manual', executionId, base);
	return {
		credentialsHelper: new TestCredentialsHelper({ [CREDENTIAL_TYPE]: credentials }),
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:1/rest',
		instanceBaseUrl: 'http://127.0.0.1:1/',
		formBaseUrl: 'http://127.0.0.1:1/form',
		formWaitingBaseUrl: 'http://127.0.0.1:1/formWaiting',
		formTestBaseUrl: 'http://127.0.0.1:1/formTest',
		webhookBaseUrl: 'http://127.0.0.1:1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:1/webhookWaiting',
		webhookTestBaseUrl: 'http://127.0.0.1:1/webhookTest',
		mcpBaseUrl: 'http://127.0.0.1:1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:1/mcpTest',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

/** Runs a workflow to its end in n8n-core's WorkflowExecute and returns what each node output. */
export async function runWorkflow(
	workflowData: WorkflowFile,
	credentials: ICredentialDataDecryptedObject,
	nodeTypeMap: NodeTypeMap = sourceNodeTypes(),
): Promise<RunResult> {
	const nodeTypes = new TestNodeTypes(nodeTypeMap);
	const workflow = new Workflow({
		id: 'test-workflow',
		name: workflowData.name ?? 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const executionId = `test-${++executionCounter}`;
	const base = {
		id: 'test-workflow',
		name: workflowData.name ?? 'test',
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as unknown as IWorkflowBase;
	const additionalData = testAdditionalData(credentials, executionId, base);

	const start = workflowData.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const execute = new WorkflowExecute(additionalData, 'manual');
	const run = await execute.run({ workflow, startNode: start });
	return {
		run,
		error: run.data.resultData.error,
		outputs(nodeName: string) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) return [];
			return (runs[runs.length - 1].data?.main ?? []).map((items) => items ?? []);
		},
	};
}

export interface AddWorkflowOptions {
	rows: IDataObject[];
	businessId?: string;
	phoneNumber?: string;
	defaultCountry?: string;
	onError?: OnError;
	/** The node's Options collection. */
	options?: INodeParameters;
}

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/**
 * A workflow that starts with our trigger, its trigger replaced by a rows trigger of the same
 * name emitting what the trigger's poll emitted: the rest of the workflow runs as n8n would run
 * it after that poll.
 */
export function afterTrigger(
	workflow: WorkflowFile,
	triggerName: string,
	items: INodeExecutionData[],
): WorkflowFile {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.name === triggerName
				? {
						...node,
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						parameters: { rows: JSON.stringify(items.map((item) => item.json)) },
					}
				: node,
		),
	};
}

/** Rows trigger -> one WhatsApp Business Management node with the given parameters. */
export function nodeWorkflow(options: {
	rows: IDataObject[];
	parameters: INodeParameters;
	onError?: OnError;
	nodeName?: string;
	/** The node's version as a saved workflow holds it: 1 unless a test says otherwise. */
	typeVersion?: number;
}): WorkflowFile {
	const nodeName = options.nodeName ?? 'WhatsApp';
	const node: INode = {
		id: 'node',
		name: nodeName,
		type: PACKAGE_NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [300, 0],
		parameters: { resource: 'preVerifiedNumber', ...options.parameters },
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Meta' } },
	};
	if (options.onError) node.onError = options.onError;
	return {
		name: nodeName,
		nodes: [
			{
				id: 'rows',
				name: 'Rows',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { rows: JSON.stringify(options.rows) },
			},
			node,
		],
		connections: { Rows: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
	};
}

/** Rows trigger -> Add Phone Number, the shape users build after a spreadsheet trigger. */
export function addPhoneNumbersWorkflow(options: AddWorkflowOptions): WorkflowFile {
	return nodeWorkflow({
		rows: options.rows,
		onError: options.onError,
		nodeName: 'Add Phone Number',
		parameters: {
			operation: 'add',
			businessId: options.businessId ?? '1234567890123456',
			phoneNumber: options.phoneNumber ?? '={{ $json.phone }}',
			defaultCountry: options.defaultCountry ?? '',
			options: options.options ?? {},
		},
	});
}

/**
 * Our node over `rows` with errors on its error output, as most engine tests run it. Fails the
 * test when the run failed, when a row comes out on neither output or on both, or twice on the
 * error output, or when a secret appears anywhere in the run.
 */
export async function runEachRow(options: {
	parameters: INodeParameters;
	rows: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	secrets: string[];
}): Promise<{ success: INodeExecutionData[]; failure: INodeExecutionData[] }> {
	const { rows } = options;
	const result = await runWorkflow(
		nodeWorkflow({ rows, onError: 'continueErrorOutput', parameters: options.parameters }),
		options.credentials,
	);
	if (result.error) throw result.error;
	const [success = [], failure = []] = result.outputs('WhatsApp');
	const row = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;
	const succeeded = new Set(success.map(row));
	const failed = failure.map(row);
	for (let index = 0; index < rows.length; index++) {
		const times = failed.filter((f) => f === index).length;
		if (succeeded.has(index) ? times > 0 : times !== 1) {
			throw new Error(
				`Row ${index} came out ${succeeded.has(index) ? 'on both outputs' : `${times} times on the error output`}`,
			);
		}
	}
	if (succeeded.size + failed.length !== rows.length || failed.some((f) => f >= rows.length)) {
		throw new Error('An output item is paired with no input row');
	}
	const text = JSON.stringify(result.run);
	for (const secret of options.secrets) {
		if (text.includes(secret)) throw new Error('A secret appears in the run');
	}
	return { success, failure };
}

export const TRIGGER_NODE_TYPE =
	'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagementTrigger';

export interface Poller {
	/** One poll through n8n's PollContext: the items it emits, or null. */
	poll(): Promise<INodeExecutionData[] | null>;
	/** The node's static data, as n8n would store it with the workflow. */
	staticData(): IDataObject;
	/** Changes parameters of the running trigger, as a user editing an active workflow does. */
	setParameters(parameters: INodeParameters): void;
}

/** Our trigger in a workflow, polled through n8n-core's real PollContext with kept static data. */
export function triggerPoller(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	mode: 'trigger' | 'manual' = 'trigger',
	/** What n8n's getPollBudgetMs() answers (n8n-core's default otherwise: 5 minutes). */
	pollBudgetMs?: number,
	/** The trigger to poll: from source, or the built one (npm run demo). */
	nodeType: INodeType = new WhatsAppBusinessManagementTrigger(),
): Poller {
	const node: INode = {
		id: 'trigger',
		name: 'Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: '1', name: 'Meta' } },
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		name: 'trigger',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: new TestNodeTypes({ [TRIGGER_NODE_TYPE]: nodeType }),
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const base = {
		id: workflow.id,
		name: 'trigger',
		nodes: [node],
		connections: {},
	} as unknown as IWorkflowBase;
	return {
		async poll() {
			const context = new PollContext(
				workflow,
				workflow.getNode('Trigger') as INode,
				testAdditionalData(credentials, `poll-${++executionCounter}`, base),
				mode,
				'activate',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				pollBudgetMs === undefined ? undefined : () => pollBudgetMs,
			);
			const result = await (
				nodeType.poll as (this: unknown) => Promise<INodeExecutionData[][] | null>
			).call(context);
			return result ? result[0] : null;
		},
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
		setParameters(parameters) {
			Object.assign((workflow.getNode('Trigger') as INode).parameters, parameters);
		},
	};
}
