import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../helpers/errors';
import { edges, graphApiRequest } from '../../transport';
import { optionsCollection, wabaFields } from '../common.descriptions';
import type { Operation } from '../node.type';
import { readWabaId } from '../parameters';
import { PERMISSION_TASKS, readUserId, userIdField } from './assignedUsers';

const TASKS = new Set(PERMISSION_TASKS.map((task) => task.value));

export const description = updateDisplayOptions(
	{ show: { resource: ['whatsAppBusinessAccount'], operation: ['assignUser'] } },
	[
		...wabaFields,
		userIdField,
		{
			displayName: 'Tasks',
			name: 'tasks',
			type: 'multiOptions',
			required: true,
			options: PERMISSION_TASKS,
			default: ['MANAGE'],
			description: 'What the user may do on the WABA',
		},
		optionsCollection(),
	],
);

interface Assignment {
	wabaId: string;
	userId: string;
	tasks: string[];
}

/**
 * Assigns a (system) user to a client's WABA with its tasks. A user already assigned is a
 * success (the contract answers it 422 "already assigned"), so a retry after a lost answer too.
 */
export const assignUser: Operation<Assignment> = {
	description,

	prepare(context, itemIndex) {
		const given = context.getNodeParameter('tasks', itemIndex, []) as unknown;
		const tasks = (Array.isArray(given) ? given : String(given).split(','))
			.map((task) => String(task).trim().toUpperCase())
			.filter((task) => task !== '');
		const unknown = tasks.find((task) => !TASKS.has(task));
		if (tasks.length === 0 || unknown !== undefined) {
			throw new InputError(
				`${unknown === undefined ? 'Tasks is empty' : `Task "${unknown}" is not one of Meta's`}: pick from ${[...TASKS].join(', ')}.`,
			);
		}
		return {
			wabaId: readWabaId(context, itemIndex),
			userId: readUserId(context.getNodeParameter('userId', itemIndex, '')),
			tasks: [...new Set(tasks)],
		};
	},

	async run(context, connection, { wabaId, userId, tasks }) {
		const answer = await graphApiRequest.call(context, connection, {
			method: 'POST',
			path: edges.assignedUsers(wabaId),
			body: { user: userId, tasks },
			form: true,
			doneWhen: /already assigned/i,
		});
		return {
			waba_id: wabaId,
			user_id: userId,
			tasks,
			assigned: true,
			alreadyAssigned: answer.alreadyDone === true,
		};
	},
};
