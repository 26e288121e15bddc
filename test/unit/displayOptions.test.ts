// n8n 1.x resolves a node's parameters in the order their displayOptions depend on each other,
// by name: a displayOptions key that names no parameter (such as 'wabaId.mode') can never be
// resolved, and 1.123 then fails every execution of the node ("Could not resolve parameter
// dependencies"). n8n 2.x reads such a key as a path and does not fail, so only this test and
// the 1.x e2e run catch it.
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { WhatsAppBusinessManagement } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node';
import { WhatsAppBusinessManagementTrigger } from '../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagementTrigger.node';

const nodes: Array<[string, INodeTypeDescription]> = [
	['node', new WhatsAppBusinessManagement().description],
	['trigger', new WhatsAppBusinessManagementTrigger().description],
];

test.each(nodes)(
	'every displayOptions key of the %s names one of its parameters',
	(_name, description) => {
		const names = new Set(description.properties.map((p: INodeProperties) => p.name));
		const keys = description.properties.flatMap((p) => [
			...Object.keys(p.displayOptions?.show ?? {}),
			...Object.keys(p.displayOptions?.hide ?? {}),
		]);
		expect(keys.length).toBeGreaterThan(0);
		const unknown = keys.filter(
			(key) => !key.startsWith('@') && !names.has(key.replace(/^\//, '')),
		);
		expect(unknown).toEqual([]);
	},
);
