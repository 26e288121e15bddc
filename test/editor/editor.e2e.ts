/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code: runs in Node.js, never inside n8n */
// The node in n8n's editor, as users meet it: the real n8n 2.41.1 with the packed package, the
// simulator, and Debian's Chromium driven by playwright-core. Screenshots go to .tmp/screenshots;
// `npm run screenshots` runs the same test with SCREENSHOTS_DIR=docs/images to refresh the README's.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { GraphApiSimulator, SIMULATOR_WABA_ID } from '../../simulator/GraphApiSimulator';
import { packPackage, startN8nServer, startRealN8n } from '../e2e/realN8n';
import { ORDER_UPDATE_FIELDS } from '../fixtures/messageTemplates';
import { freePort } from '../helpers/freePort';
import type { N8nServer, RealN8n } from '../e2e/realN8n';

const TOKEN = 'EAAEditorSimulatorToken';
const OWNER = {
	email: 'owner@example.com',
	password: 'Passw0rd-Editor1',
	firstName: 'Test',
	lastName: 'Owner',
};
const STARTER_ID = 'wbmEditorStarter01';
const PHONE_ID = '1906385232743451';
const NODE_TYPE = 'n8n-nodes-whatsapp-business-management.whatsAppBusinessManagement';
const IMAGES = resolve(process.env.SCREENSHOTS_DIR ?? join(__dirname, '../../.tmp/screenshots'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let simulator: GraphApiSimulator;
let n8n: RealN8n;
let server: N8nServer;
let browser: Browser;
let page: Page;

/** The example workflow without our node: a manual trigger and 12 spreadsheet rows. */
function writeStarter(folder: string): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const example = require('../../examples/add-phone-numbers.workflow.json');
	const starter = {
		...example,
		id: STARTER_ID,
		name: 'Editor test: rows',
		nodes: example.nodes.filter((n: { name: string }) => n.name !== 'Add Phone Number'),
		connections: { ...example.connections },
	};
	delete starter.connections['One item per row'];
	const file = join(folder, 'starter.workflow.json');
	writeFileSync(file, JSON.stringify(starter));
	return file;
}

beforeAll(async () => {
	mkdirSync(IMAGES, { recursive: true });
	simulator = new GraphApiSimulator({ token: TOKEN, businessIds: ['1234567890123456'] });
	await simulator.start();
	n8n = await startRealN8n(packPackage());
	await n8n.importWorkflow(writeStarter(n8n.userFolder));
	server = await startN8nServer(n8n, await freePort());
	const setup = await fetch(`${server.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	expect(setup.status).toBe(200);
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	page.setDefaultTimeout(20_000);
	await page.goto(`${server.url}/signin`);
	await page.fill('input[type=email]', OWNER.email);
	await page.fill('input[type=password]', OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL(/\/home/);
}, 20 * 60_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	await simulator?.stop();
	if (n8n) rmSync(n8n.userFolder, { recursive: true, force: true });
});

test('the credential: Test connection succeeds with the token, fails clearly with a wrong one', async () => {
	await page.goto(`${server.url}/home/credentials`);
	await page.getByRole('button', { name: 'Create credential' }).first().click();
	await page.keyboard.type('WhatsApp Business Management');
	await page.getByText('WhatsApp Business Management API', { exact: true }).click();
	await page.getByRole('button', { name: 'Continue' }).click();
	const dialog = page.locator('.el-dialog').filter({ hasText: 'WhatsApp Business Management API' });
	const fields = dialog.locator('[data-test-id=parameter-input-field]');
	await expectText(dialog, 'Access Token');

	// Plain http to another machine, first, on a dialog not saved yet, so that its picture shows
	// the refusal alone: the field says why, and Test connection sends nothing there (the
	// IPv4-mapped 127.0.0.1 reaches the simulator, so a request that left would count).
	const remote = simulator.baseUrl.replace('127.0.0.1', '[::ffff:7f00:1]');
	const before = simulator.requests.length;
	await fields.nth(0).fill(TOKEN);
	await fields.nth(2).fill(remote);
	await expectText(dialog, 'Base URL refused. Use https://');
	expect(await dialog.getByText('Couldn’t connect').count()).toBe(0);
	expect(await dialog.getByText('Meta rejected').count()).toBe(0);
	await page.screenshot({ path: join(IMAGES, 'credential-plain-http.png') });
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expectText(dialog, 'Couldn’t connect with these settings');
	// n8n folds the reason under "More details" in some versions and shows it inline in others.
	const more = dialog.getByText('More details');
	if (await more.isVisible()) await more.click();
	// n8n shows only the code of a request that never started; the notice above says why.
	await expectText(dialog, 'ERR_INVALID_URL');
	expect(simulator.requests.length).toBe(before);

	await fields.nth(0).fill('EAAWrongTokenForTheEditor');
	await fields.nth(2).fill(simulator.baseUrl);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expectText(dialog, 'Couldn’t connect with these settings');
	if (await more.isVisible()) await more.click();
	await expectText(dialog, 'Meta rejected the Access Token');
	await page.screenshot({ path: join(IMAGES, 'credential-wrong-token.png') });
	await fields.nth(0).fill(TOKEN);

	await fields.nth(2).fill(simulator.baseUrl);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expectText(dialog, 'Connection tested successfully');
	await page.screenshot({ path: join(IMAGES, 'credential.png') });
	await page.keyboard.press('Escape');
	const me = simulator.requests.filter((r) => r.path === '/v23.0/me');
	expect(me.length).toBeGreaterThanOrEqual(2);
});

test('the action is found by "add phone number", fills in, and executes onto both outputs', async () => {
	await page.goto(`${server.url}/workflow/${STARTER_ID}`);
	await page.locator('[data-test-id=canvas-handle-plus]').first().click();
	await page.locator('[data-test-id=node-creator-search-bar]').fill('add phone number');
	await page.getByText('WhatsApp Business Management', { exact: true }).click();
	await page
		.locator('[data-test-id=node-creator]')
		.getByText('Add a phone number', { exact: true })
		.click();

	const ndv = await openedPanel();
	await ndv.locator('[data-test-id=parameter-input-businessId] input').fill('1234567890123456');
	// As a user does: switch Phone Number to Expression, then write the expression.
	await ndv.locator('[data-test-id=parameter-input-phoneNumber] input').click();
	await ndv
		.locator(
			'[data-test-id=phoneNumber-parameter-input-options-container] [data-test-id=radio-button-expression]',
		)
		.click();
	const editor = ndv.locator(
		'[data-test-id=parameter-input-phoneNumber] [data-test-id=inline-expression-editor-input]',
	);
	await editor.click();
	await page.keyboard.press('Control+A');
	await page.keyboard.insertText('{{ $json.phone }}');
	await expect(editor.innerText()).resolves.toBe('{{ $json.phone }}');
	// Leave the editor (a click elsewhere) so its result popup does not cover the next field.
	await ndv.getByText('Options', { exact: true }).first().click();
	await ndv.locator('[data-test-id=parameter-input-defaultCountry]').click();
	await page.keyboard.type('United States');
	const unitedStates = page.getByRole('option', { name: 'United States (+1)', exact: true });
	await unitedStates.click();
	// A settled panel for the picture: the field left and every dropdown closed and faded out.
	await unitedStates.waitFor({ state: 'hidden' });
	await ndv.getByText('Business ID', { exact: true }).click();
	await page.waitForFunction(
		`![...document.querySelectorAll('.el-popper, .el-select-dropdown')].some((e) => e.getBoundingClientRect().height > 0 && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).opacity !== '0')`,
	);
	await page.screenshot({ path: join(IMAGES, 'node-panel.png') });

	await ndv.getByText('Settings', { exact: true }).click();
	await ndv.locator('[data-test-id=parameter-input-onError]').click();
	await page.getByRole('option', { name: 'Continue (using error output)' }).click();
	await page.locator('[data-test-id=ndv-close-button]').click();
	await ndv.waitFor({ state: 'hidden' });

	await page.locator('[data-test-id=execute-workflow-button]').click();
	// 8 numbers added, plus the duplicate row answered with the existing ID (the default "If
	// Already Added"); 3 invalid rows on the error output.
	await expectText(page.locator('[data-test-id=canvas-wrapper]'), '9 items');
	await expectText(page.locator('[data-test-id=canvas-wrapper]'), '3 items');
	expect(simulator.numbers.size).toBe(8);
	expect([...simulator.addsByNumber.values()].every((count) => count === 1)).toBe(true);
});

test('every other operation renders its fields: labels, sorted options, required fields marked', async () => {
	const expected: Record<string, string[]> = {
		// No Business ID on operations on one number: From List uses the credential's.
		Get: ['Pre-Verified Number', 'Options'],
		'Get Many': ['Business ID', 'Return All', 'Limit', 'Filters', 'Options'],
		'Request Verification Code': ['Pre-Verified Number', 'Code Method', 'Language'],
		'Verify Code': ['Pre-Verified Number', 'Code'],
		'Share with Partner': ['Business ID', 'Pre-Verified Number', 'Partner Business ID'],
		'Stop Sharing': ['Business ID', 'Pre-Verified Number', 'Partner Business ID'],
		'Get Partners': ['Pre-Verified Number'],
		Delete: ['Pre-Verified Number'],
	};
	const required: Record<string, string[]> = {
		Get: ['parameter-input-preVerifiedNumberId'],
		'Get Many': [], // Business ID carries over from Add
		'Request Verification Code': ['parameter-input-preVerifiedNumberId'],
		'Verify Code': ['parameter-input-preVerifiedNumberId', 'parameter-input-code'],
		'Share with Partner': [
			'parameter-input-preVerifiedNumberId',
			'parameter-input-partnerBusinessId',
		],
		'Stop Sharing': ['parameter-input-preVerifiedNumberId', 'parameter-input-partnerBusinessId'],
		'Get Partners': ['parameter-input-preVerifiedNumberId'],
		Delete: ['parameter-input-preVerifiedNumberId'],
	};
	await page
		.locator('[data-test-id=canvas-node]')
		.filter({ hasText: 'Add a phone number' })
		.dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	const titles = await operationTitles(ndv);
	const ours = [
		'Add Phone Number',
		'Delete',
		'Get',
		'Get Many',
		'Get Partners',
		'Request Verification Code',
		'Share with Partner',
		'Stop Sharing',
		'Verify Code',
	];
	// Sorted, then n8n's own "Custom API Call".
	expect(titles).toEqual([...ours, 'Custom API Call']);
	expect([...ours].sort((a, b) => a.localeCompare(b))).toEqual(ours);
	await page.screenshot({ path: join(IMAGES, 'operations.png') });
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
		const empty = await ndv
			.locator('label')
			.evaluateAll((els) => els.filter((e) => (e.textContent ?? '').trim() === '').length);
		expect(empty).toBe(0);
		// n8n marks required fields left empty with a parameter issue.
		const flagged = await ndv
			.locator('[data-test-id=parameter-issues]')
			.evaluateAll((els) =>
				els.map((e) => e.closest('[data-test-id^=parameter-input-]')?.getAttribute('data-test-id')),
			);
		expect(flagged).toEqual(required[operation]);
	}
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the Phone Number resource: every operation renders its fields, the PIN as a password', async () => {
	const expected: Record<string, string[]> = {
		'Add to WhatsApp Business Account': [
			'WhatsApp Business Account',
			'Phone Number',
			'Display Name',
		],
		'Configure Conversational Automation': [
			'Phone Number',
			'Welcome Message',
			'Prompts',
			'Commands',
		],
		Deregister: ['Phone Number'],
		Get: ['WhatsApp Business Account', 'Phone Number'],
		'Get Business Profile': ['Phone Number'],
		'Get Health Status': ['WhatsApp Business Account', 'Phone Number'],
		'Get Many': ['WhatsApp Business Account', 'Return All', 'Limit', 'Filters'],
		'Get Official Business Account Status': ['WhatsApp Business Account', 'Phone Number'],
		Register: ['Phone Number', 'PIN'],
		'Request Display Name Change': ['Phone Number', 'New Display Name'],
		'Request Official Business Account': [
			'Phone Number',
			'Business Website URL',
			'Primary Country of Operation',
			'Primary Language',
			'Supporting Links',
		],
		'Request Verification Code': ['Phone Number', 'Code Method', 'Language'],
		'Set Two-Step Verification PIN': ['Phone Number', 'PIN'],
		'Update Business Profile': ['Phone Number', 'Update Fields'],
		'Verify Code': ['Phone Number', 'Code'],
	};
	// The previous test left the node on Delete, and n8n names the node after its action.
	await page
		.locator('[data-test-id=canvas-node]')
		.filter({ hasText: /phone number/i })
		.dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await chooseResource(ndv, 'Phone Number');
	const titles = await operationTitles(ndv);
	expect(titles).toEqual([...Object.keys(expected), 'Custom API Call']);
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
		if (labels.includes('PIN')) {
			await expect(
				ndv.locator('[data-test-id=parameter-input-pin] input').getAttribute('type'),
			).resolves.toBe('password');
		}
	}
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the WhatsApp Business Account resource: every operation renders its fields, the verify token as a password', async () => {
	const expected: Record<string, string[]> = {
		'Assign User': ['WhatsApp Business Account', 'User ID', 'Tasks'],
		Get: ['WhatsApp Business Account'],
		'Get Analytics': [
			'WhatsApp Business Account',
			'Metric',
			'Start',
			'End',
			'Granularity',
			'Break Down By',
			'Filters',
		],
		'Get Assigned Users': ['WhatsApp Business Account', 'Business ID', 'Return All'],
		'Get Health Status': ['WhatsApp Business Account'],
		'Get Many': ['Business ID', 'Ownership', 'Return All'],
		'Get Onboarding Status': ['WhatsApp Business Account', 'Options'],
		'Get Subscribed Apps': ['WhatsApp Business Account'],
		'Remove User': ['WhatsApp Business Account', 'User ID'],
		'Subscribe App to Webhooks': ['WhatsApp Business Account', 'Options'],
		'Unsubscribe App': ['WhatsApp Business Account'],
	};
	await page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await chooseResource(ndv, 'WhatsApp Business Account');
	expect(await operationTitles(ndv)).toEqual([...Object.keys(expected), 'Custom API Call']);
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
	}
	await chooseOperation(ndv, 'Subscribe App to Webhooks', ['Options']);
	await addOption(ndv, 'Verify Token');
	await expect(
		ndv.locator('[data-test-id=parameter-input-verifyToken] input').getAttribute('type'),
	).resolves.toBe('password');
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the Credit Line resource: every operation renders its fields, Revoke says what Meta revokes', async () => {
	const expected: Record<string, string[]> = {
		'Get Credit Line Status': ['Credit Line', 'WhatsApp Business Account'],
		'Get Many': ['Business ID', 'Return All', 'Limit'],
		'Get Many Sharings': ['Credit Line', 'Return All', 'Limit'],
		Revoke: [
			"for every WABA of the client's business",
			'Credit Line',
			'Revoke For',
			'WhatsApp Business Account',
		],
		'Share With WABA': ['Credit Line', 'WhatsApp Business Account', 'Invoice Currency'],
	};
	await page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await chooseResource(ndv, 'Credit Line');
	expect(await operationTitles(ndv)).toEqual([...Object.keys(expected), 'Custom API Call']);
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
	}
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the QR Code resource: every operation renders its fields', async () => {
	const expected: Record<string, string[]> = {
		Create: ['Phone Number', 'Prefilled Message', 'Image Format', 'Put Image in Field'],
		Delete: ['Phone Number', 'QR Code ID'],
		Get: ['Phone Number', 'QR Code ID', 'Image Format'],
		'Get Many': ['Phone Number', 'Return All', 'Image Format'],
		Update: ['Phone Number', 'QR Code ID', 'Prefilled Message'],
	};
	await page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await chooseResource(ndv, 'QR Code');
	expect(await operationTitles(ndv)).toEqual([...Object.keys(expected), 'Custom API Call']);
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
	}
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the Message Template resource: every operation renders its fields', async () => {
	const expected: Record<string, string[]> = {
		'Copy From Another WABA': [
			'Destination WhatsApp Business Account',
			'Source WhatsApp Business Account ID',
			'Template IDs',
		],
		Create: [
			'WhatsApp Business Account',
			'Template Name',
			'Language',
			'Category',
			'Parameter Format',
			'Define Content Using',
			'Header',
			'Body',
			'Body Examples',
			'Footer',
			'Buttons',
		],
		Delete: ['WhatsApp Business Account', 'Template Name', 'Template ID'],
		Edit: [
			'WhatsApp Business Account',
			'Message Template',
			'Category',
			'Parameter Format',
			'Define Content Using',
		],
		Get: ['WhatsApp Business Account', 'Message Template'],
		'Get Health Status': ['WhatsApp Business Account', 'Message Template'],
		'Get Many': ['WhatsApp Business Account', 'Return All', 'Limit', 'Filters'],
	};
	await page.locator(`[data-test-id=canvas-node][data-node-type="${NODE_TYPE}"]`).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await chooseResource(ndv, 'Message Template');
	expect(await operationTitles(ndv)).toEqual([...Object.keys(expected), 'Custom API Call']);
	await page.keyboard.press('Escape');
	for (const [operation, labels] of Object.entries(expected)) {
		await chooseOperation(ndv, operation, labels);
	}
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('onboarding panels show the output of their own run: a phone number, a WABA, its analytics as a table, a QR code with its image', async () => {
	simulator.seedConnectedPhoneNumber(PHONE_ID, '6315559000');
	const node = (name: string, y: number, parameters: Record<string, unknown>) => ({
		id: name,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [300, y],
		parameters: { options: {}, ...parameters },
		credentials: { whatsAppBusinessManagementApi: { id: '', name: '' } },
	});
	const byId = (value: string) => ({ __rl: true, mode: 'id', value });
	const nodes = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 200],
			parameters: {},
		},
		node('Get a business phone number', 0, {
			resource: 'phoneNumber',
			operation: 'get',
			phoneNumberId: byId(PHONE_ID),
		}),
		node('Get a WhatsApp Business Account', 200, {
			resource: 'whatsAppBusinessAccount',
			operation: 'get',
			wabaId: byId(SIMULATOR_WABA_ID),
		}),
		node('Get analytics of a WABA', 600, {
			resource: 'whatsAppBusinessAccount',
			operation: 'getAnalytics',
			wabaId: byId(SIMULATOR_WABA_ID),
			metric: 'pricing',
			start: "={{ $now.toUTC().minus({ months: 1 }).startOf('month').toISO() }}",
			end: "={{ $now.toUTC().startOf('month').toISO() }}",
			granularity: 'monthly',
			pricingDimensions: ['PRICING_CATEGORY'],
		}),
		node('Create a message template', 800, {
			resource: 'messageTemplate',
			operation: 'create',
			wabaId: byId(SIMULATOR_WABA_ID),
			...ORDER_UPDATE_FIELDS,
		}),
		node('Create a QR code', 400, {
			resource: 'qrCode',
			operation: 'create',
			phoneNumberId: byId(PHONE_ID),
			prefilledMessage: 'Hi! I saw your poster.',
			imageFormat: 'PNG',
		}),
	];
	const to = (name: string) => ({ node: name, type: 'main', index: 0 });
	const workflowId = await importWorkflow({
		name: 'Editor test: onboarding',
		nodes,
		connections: { Start: { main: [nodes.slice(1).map((n) => to(n.name))] } },
	});
	await page.goto(`${server.url}/workflow/${workflowId}`);
	const images = simulator.requests.filter((r) => r.path.startsWith('/cdn/')).length;
	await page.locator('[data-test-id=execute-workflow-button]').click();
	await page.locator('[data-test-id=execute-workflow-button]:not([disabled])').waitFor();
	const shots: Array<[string, string, string]> = [
		['Get a business phone number', 'CONNECTED', 'phone-number-operations.png'],
		['Get a WhatsApp Business Account', 'APPROVED', 'whatsapp-business-account.png'],
		['Get analytics of a WABA', 'MARKETING', 'get-analytics.png'],
		['Create a message template', 'PENDING', 'create-message-template.png'],
		['Create a QR code', 'whatsapp-qr-', 'qr-code.png'],
	];
	for (const [name, text, image] of shots) {
		// The analytics table is wide: a wider window shows its figures beside the dimensions; a
		// taller one shows a whole template's fields.
		const size = {
			'get-analytics.png': { width: 2100, height: 900 },
			'create-message-template.png': { width: 1800, height: 2000 },
		}[image];
		if (size) await page.setViewportSize(size);
		await page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`).dblclick();
		const ndv = page.locator('[data-test-id=ndv]');
		const output = ndv.locator('[data-test-id=output-panel]');
		// n8n opens an item with a file in its Binary view.
		await expectText(output, text);
		// No Business ID on a panel about one WABA or number: From List uses the credential's.
		expect(await ndv.locator('[data-test-id=parameter-input-wabaId]').count()).toBe(1);
		expect(await ndv.locator('[data-test-id=parameter-input-businessId]').count()).toBe(0);
		await page.screenshot({ path: join(IMAGES, image) });
		await page.locator('[data-test-id=ndv-close-button]').click();
		await ndv.waitFor({ state: 'hidden' });
		if (size) await page.setViewportSize({ width: 1440, height: 900 });
	}
	const fetched = simulator.requests.filter((r) => r.path.startsWith('/cdn/'));
	expect(fetched.length).toBe(images + 1);
	expect(fetched.every((r) => !r.authorized)).toBe(true);
});

test('the trigger is found by "pre-verified" and "expiring", and Fetch Test Event shows a sample', async () => {
	await page.goto(`${server.url}/workflow/new`);
	const openCreator = async () => {
		const first = page.getByText('Add first step', { exact: false });
		if (await first.isVisible()) await first.click();
		else await page.locator('[data-test-id=canvas-add-button]').first().click();
	};
	const search = page.locator('[data-test-id=node-creator-search-bar]');
	// The trigger list names the trigger by its service ("WhatsApp Business Management") and
	// shows its description, which is what tells it apart from the regular node.
	const trigger = 'Starts the workflow when pre-verified numbers';
	await openCreator();
	for (const term of ['pre-verified', 'expiring']) {
		await search.fill(term);
		await expectText(page.locator('[data-test-id=node-creator]'), trigger);
	}
	await page.locator('[data-test-id=node-creator]').getByText(trigger).click();
	// n8n lists the trigger's events from its Events field.
	await page
		.locator('[data-test-id=node-creator]')
		.getByText('On verification expiring', { exact: true })
		.click();
	const ndv = await openedPanel();
	simulator.seedPreVerifiedNumber('1234567890123456', '16315558800', true);
	await ndv.locator('[data-test-id=parameter-input-businessId] input').fill('1234567890123456');
	await ndv.getByText('Watch', { exact: true }).first().click();
	await ndv
		.getByRole('button', { name: /Fetch Test Event|Test step|Execute step/ })
		.first()
		.click();
	await expectText(ndv, 'verificationExpiring');
	await expectText(ndv, 'sample');
	await page.screenshot({ path: join(IMAGES, 'trigger.png') });
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the new-client-onboarding example, imported as it is, runs in the editor on a client that just signed up', async () => {
	// "Execute workflow" runs the trigger once in manual mode: its sample is a real client WABA.
	const client = '2000000000000301';
	await fetch(`${simulator.baseUrl}/__simulator/client_wabas`, {
		method: 'POST',
		body: JSON.stringify({ id: client, name: "Jasper's Market", phoneNumber: '6315559100' }),
	});
	simulator.seedCreditLine('1234567890123456', 'Partner Solutions Ltd', '1972385232742146');
	simulator.seedMessageTemplate(SIMULATOR_WABA_ID, { name: 'welcome_offer' });
	const example = JSON.parse(
		readFileSync(join(__dirname, '../../examples/new-client-onboarding.workflow.json'), 'utf8'),
	) as Parameters<typeof importWorkflow>[0];
	const workflowId = await importWorkflow(example);
	await page.setViewportSize({ width: 1800, height: 900 });
	await page.goto(`${server.url}/workflow/${workflowId}`);
	await page.locator('[data-test-id=execute-workflow-button]').click();
	await page.locator('[data-test-id=execute-workflow-button]:not([disabled])').waitFor();
	await expectText(page.locator('[data-test-id=canvas-wrapper]'), 'Update Business Profile');
	await page.waitForTimeout(500);
	await page.screenshot({ path: join(IMAGES, 'new-client-onboarding.png') });
	await page.setViewportSize({ width: 1440, height: 900 });
	const waba = simulator.wabas.get(client);
	expect(waba?.assignedUsers).toHaveLength(1);
	expect(waba?.primaryFundingId).toBeDefined();
	expect(waba?.subscribedApps).toHaveLength(1);
	const number = [...simulator.phoneNumbers.values()].find((p) => p.wabaId === client);
	expect(number?.status).toBe('CONNECTED');
	expect([...simulator.templates.values()].some((t) => t.wabaId === client)).toBe(true);
});

test('the client-alerts example: the Every Client WABA panel shows its events, its interval and its options', async () => {
	const example = JSON.parse(
		readFileSync(join(__dirname, '../../examples/client-alerts.workflow.json'), 'utf8'),
	) as Parameters<typeof importWorkflow>[0];
	const workflowId = await importWorkflow(example);
	await page.goto(`${server.url}/workflow/${workflowId}`);
	await page.locator('[data-test-id=canvas-node][data-node-name="Every Client WABA"]').dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	for (const label of [
		'Watch',
		'Business ID',
		'Events',
		'Check Each WABA Every (Minutes)',
		'Options',
	]) {
		await expectText(ndv, label);
	}
	await expect(
		ndv.locator('[data-test-id=parameter-input-watch] input').inputValue(),
	).resolves.toBe('Every Client WABA of a Business');
	await addOption(ndv, 'Include Owned WABAs');
	await expectText(ndv, 'Include Owned WABAs');
	await page.screenshot({ path: join(IMAGES, 'trigger-every-client.png') });
	await page.locator('[data-test-id=ndv-close-button]').click();
});

test('the shipped example, imported as it is, runs in the editor: 8 added, 4 on the error output', async () => {
	// Through n8n's REST API as the signed-in user, as "Import from File" would.
	const example = JSON.parse(
		readFileSync(join(__dirname, '../../examples/add-phone-numbers.workflow.json'), 'utf8'),
	) as Parameters<typeof importWorkflow>[0];
	const workflowId = await importWorkflow(example);
	simulator.resetNumbers();
	await page.goto(`${server.url}/workflow/${workflowId}`);
	await page.locator('[data-test-id=execute-workflow-button]').click();
	const canvas = page.locator('[data-test-id=canvas-wrapper]');
	await expectText(canvas, '8 items');
	await expectText(canvas, '4 items');
	// The run has finished when n8n offers to run it again.
	await page.locator('[data-test-id=execute-workflow-button]:not([disabled])').waitFor();
	await page.screenshot({ path: join(IMAGES, 'executed-workflow.png') });
	expect(simulator.numbers.size).toBe(8);
});

type Scope = ReturnType<Page['locator']>;

/** Opens the Operation list and reads its entries' titles once it has rendered them all. */
async function operationTitles(ndv: Scope): Promise<string[]> {
	await ndv.locator('[data-test-id=parameter-input-operation]').click();
	// The list renders in steps: wait for its last entry before reading it.
	await page.locator('[role=option]:visible', { hasText: 'Custom API Call' }).waitFor();
	const titles = await page.locator('[role=option]:visible').allInnerTexts();
	return titles.map((t) => t.split('\n')[0].trim());
}

/** Picks an operation and waits for its fields' labels; checks the field shows the choice. */
async function chooseOperation(ndv: Scope, operation: string, labels: string[]) {
	await ndv.locator('[data-test-id=parameter-input-operation]').click();
	await page
		.locator('[role=option]:visible')
		.filter({ has: page.getByText(operation, { exact: true }) })
		.first()
		.click();
	for (const label of labels) await expectText(ndv, label);
	const chosen = await ndv.locator('[data-test-id=parameter-input-operation] input').inputValue();
	expect(chosen).toBe(operation);
}

/**
 * Saves a workflow through n8n's REST API as the signed-in user, as "Import from File" would,
 * with a new simulator credential on every node that has one; returns its ID.
 */
async function importWorkflow(example: {
	name: string;
	nodes: Array<{ credentials?: object; name: string }>;
	connections: object;
}): Promise<string> {
	return await page.evaluate(
		async ({ example, baseUrl, token }) => {
			const headers = {
				'Content-Type': 'application/json',
				// The page's own id, which n8n checks against the session cookie.
				'browser-id':
					(
						globalThis as unknown as { localStorage: { getItem(key: string): string | null } }
					).localStorage.getItem('n8n-browserId') ?? '',
			};
			const post = async (path: string, body: unknown) => {
				const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
				if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
				return ((await response.json()) as { data: { id: string } }).data;
			};
			const credential = await post('/rest/credentials', {
				name: 'WhatsApp Business Management (simulator)',
				type: 'whatsAppBusinessManagementApi',
				data: { accessToken: token, apiVersion: 'v23.0', baseUrl },
			});
			for (const node of example.nodes) {
				if (node.credentials) {
					node.credentials = {
						whatsAppBusinessManagementApi: {
							id: credential.id,
							name: 'WhatsApp Business Management (simulator)',
						},
					};
				}
			}
			const workflow = await post('/rest/workflows', {
				name: example.name,
				nodes: example.nodes,
				connections: example.connections,
				settings: {},
				active: false,
			});
			return workflow.id;
		},
		{ example, baseUrl: simulator.baseUrl, token: TOKEN },
	);
}

/** Picks a resource in the node panel. */
async function chooseResource(ndv: Scope, resource: string) {
	await ndv.locator('[data-test-id=parameter-input-resource]').click();
	await page.getByRole('option', { name: resource, exact: true }).click();
}

/** Adds an entry of the Options collection by its name. */
async function addOption(ndv: Scope, option: string) {
	await ndv.getByPlaceholder('Add option').click();
	await page.getByRole('option', { name: option, exact: true }).click();
}

/** The node panel n8n opened for a new node, with the credential picked. */
async function openedPanel(): Promise<Scope> {
	const ndv = page.locator('[data-test-id=ndv]');
	await expectText(ndv, 'Business ID');
	// n8n preselects the only credential of the type; pick it when it did not.
	const connect = ndv.getByText('Connect to WhatsApp Business Management');
	if (await connect.isVisible()) {
		await connect.click();
		await page.getByText('WhatsApp Business Management account', { exact: true }).last().click();
	}
	return ndv;
}

let failures = 0;

/** Waits for the text; on failure, saves what the page showed next to the test's output. */
async function expectText(scope: ReturnType<Page['locator']>, text: string) {
	try {
		await scope.getByText(text, { exact: false }).locator('visible=true').first().waitFor();
	} catch (error) {
		const shot = join(__dirname, '../../.tmp', `editor-failure-${++failures}.png`);
		mkdirSync(join(__dirname, '../../.tmp'), { recursive: true });
		await page.screenshot({ path: shot });
		throw new Error(`"${text}" did not appear (screenshot: ${shot}): ${(error as Error).message}`);
	}
}
