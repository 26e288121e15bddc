/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in Node.js, never inside n8n */
// The example workflow users import (stock Manual Trigger, Edit Fields, Split Out, then our
// node with "Continue (using error output)") runs as-is in n8n's engine against the simulator.
import { readFileSync } from 'fs';
import { join } from 'path';

import { GraphApiSimulator } from '../../simulator/GraphApiSimulator';
import { runWorkflow, stockNodeTypes } from '../helpers/engine';
import type { WorkflowFile } from '../helpers/engine';

const TOKEN = 'EAAExampleWorkflowTokenQ4x9';
const source = join(
	__dirname,
	'../../nodes/WhatsAppBusinessManagement/WhatsAppBusinessManagement.node.ts',
);

test('examples/add-phone-numbers.workflow.json: every row out once, IDs from the simulator', async () => {
	const workflow = JSON.parse(
		readFileSync(join(__dirname, '../../examples/add-phone-numbers.workflow.json'), 'utf8'),
	) as WorkflowFile;
	const simulator = new GraphApiSimulator({ token: TOKEN, businessIds: ['1234567890123456'] });
	const baseUrl = await simulator.start();
	try {
		const result = await runWorkflow(
			workflow,
			{ accessToken: TOKEN, apiVersion: 'v23.0', baseUrl },
			stockNodeTypes(source),
		);
		expect(result.error).toBeUndefined();
		const rows = result.outputs('One item per row')[0];
		const [success, failure] = result.outputs('Add Phone Number');
		expect(rows).toHaveLength(12);
		expect(success.length + failure.length).toBe(rows.length);
		const issued = new Set([...simulator.numbers.keys()]);
		for (const item of success) expect(issued.has(String(item.json.id))).toBe(true);
		expect(success).toHaveLength(simulator.numbers.size);
		expect(
			failure.map((i) => [i.json.name, (i.json.details as { category: string }).category]),
		).toEqual([
			['Eli Cohen', 'duplicate'],
			['Fay Wong', 'validation'],
			['Hal Moss', 'validation'],
			['Kai Berg', 'validation'],
		]);
		const paired = [...success, ...failure].map((i) => (i.pairedItem as { item: number }).item);
		expect(paired.sort((a, b) => a - b)).toEqual(rows.map((_, index) => index));
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	} finally {
		await simulator.stop();
	}
});
