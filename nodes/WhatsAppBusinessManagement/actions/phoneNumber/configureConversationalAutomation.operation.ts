import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { checkCount, checkLength } from '../../helpers/textLimits';
import { quoteInput } from '../../helpers/userInput';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, phoneNumberFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readPhoneNumberId } from '../parameters';

const properties: INodeProperties[] = [
	...phoneNumberFields,
	{
		displayName: 'Welcome Message',
		name: 'enableWelcomeMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether WhatsApp tells your webhook when a customer opens a chat for the first time, so that you can greet them',
	},
	{
		displayName: 'Prompts',
		name: 'prompts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add prompt',
		default: {},
		description:
			'Ice breakers: up to 4 tappable questions a customer sees in a new chat, 80 characters each. Replaces the current ones; none clears them.',
		options: [
			{
				displayName: 'Prompt',
				name: 'prompt',
				values: [
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						default: '',
						placeholder: 'Where is my order?',
					},
				],
			},
		],
	},
	{
		displayName: 'Commands',
		name: 'commands',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add command',
		default: {},
		description:
			'Up to 30 commands a customer sees after typing "/". Replaces the current ones; none clears them.',
		options: [
			{
				displayName: 'Command',
				name: 'command',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'help',
						description: 'Letters, digits and _, up to 32 characters, without the leading /',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'Get help with your order',
						description: 'What the command does, up to 256 characters',
					},
				],
			},
		],
	},
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['configureConversationalAutomation'] } },
	properties,
);

interface Automation {
	id: string;
	enable_welcome_message: boolean;
	prompts: string[];
	commands: Array<{ command_name: string; command_description: string }>;
}

const COMMAND_NAME = /^[A-Za-z0-9_]+$/;

// Meta's page "Conversational Components" and Graph's own errors ("(#105) The parameter prompts
// must have at most 4 elements", "at most 32 characters"): 4 prompts of 80, 30 commands, names
// of 32, descriptions of 256. The contract says 3 prompts and names of 30 (docs/meta-limits.md).
const MAX_PROMPTS = 4;
const PROMPT_LENGTH = 80;
const MAX_COMMANDS = 30;
const COMMAND_NAME_LENGTH = 32;
const COMMAND_DESCRIPTION_LENGTH = 256;

/** The fixed collection's entries, whether n8n hands them as a list or one object. */
function entries(value: unknown, key: string): IDataObject[] {
	const list = (value as IDataObject | undefined)?.[key];
	if (Array.isArray(list)) return list as IDataObject[];
	return list && typeof list === 'object' ? [list as IDataObject] : [];
}

/** Prompts and commands, checked against Meta's counts and lengths. */
export function readAutomation(
	prompts: unknown,
	commands: unknown,
): Pick<Automation, 'prompts' | 'commands'> {
	const promptTexts = entries(prompts, 'prompt').map((p) => String(p.text ?? '').trim());
	checkCount('Prompts', promptTexts.length, MAX_PROMPTS);
	promptTexts.forEach((text, i) => checkLength(`Prompt ${i + 1}`, text, PROMPT_LENGTH, 1));
	const commandList = entries(commands, 'command').map((c, i) => {
		const name = String(c.name ?? '')
			.trim()
			.replace(/^\//, '');
		checkLength(`Command ${i + 1} name`, name, COMMAND_NAME_LENGTH, 1);
		if (!COMMAND_NAME.test(name)) {
			throw new InputError(
				`Command ${i + 1} name ${quoteInput(name)} has characters Meta refuses: use only letters, digits and _ (e.g. order_status).`,
			);
		}
		const text = String(c.description ?? '').trim();
		checkLength(`Command ${i + 1} description`, text, COMMAND_DESCRIPTION_LENGTH, 1);
		return { command_name: name, command_description: text };
	});
	checkCount('Commands', commandList.length, MAX_COMMANDS);
	const names = commandList.map((c) => c.command_name.toLowerCase());
	const repeated = names.find((name, i) => names.indexOf(name) !== i);
	if (repeated !== undefined) {
		throw new InputError(`Command ${quoteInput(repeated)} is listed twice: keep one.`);
	}
	return { prompts: promptTexts, commands: commandList };
}

/** Sets the number's welcome message, ice-breaker prompts and commands, all at once. */
export const configureConversationalAutomation: Operation<Automation> = {
	description,

	prepare(context, itemIndex) {
		return {
			id: readPhoneNumberId(context, itemIndex),
			enable_welcome_message:
				context.getNodeParameter('enableWelcomeMessage', itemIndex, false) === true,
			...readAutomation(
				context.getNodeParameter('prompts', itemIndex, {}),
				context.getNodeParameter('commands', itemIndex, {}),
			),
		};
	},

	async run(context, connection, { id, ...automation }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.conversationalAutomation(id),
			body: automation,
		});
		return { id, success: answer.success === true, ...automation };
	},
};
