import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { asItemError, readCredentialBusinessId, toNodeError } from './transport';
import { pollClientWabas, SHARING_EVENT } from './trigger/clientWabas';
import { triggerProperties } from './trigger/properties';
import { pollFleet } from './trigger/fleet';
import { pollChanges } from './trigger/poll';
import type { Watch } from './trigger/poll';

export class WhatsAppBusinessManagementTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Business Management Trigger',
		name: 'whatsAppBusinessManagementTrigger',
		icon: { light: 'file:whatsapp.svg', dark: 'file:whatsapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["watch"] === "phoneNumbers" ? "WABA phone numbers" : $parameter["watch"] === "clientWabas" ? "Client WABAs" : $parameter["watch"] === "everyClientWaba" ? "Every client WABA" : "Pre-verified pool" }}',
		description:
			"Starts the workflow when pre-verified numbers are added, verified, about to expire, lose their verification or leave the pool, when a WABA number changes status, quality, limit or name review, when a WABA's message template is approved, rejected, paused or changes quality or category, or when a client's WABA arrives or leaves",
		defaults: { name: 'WhatsApp Business Management Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppBusinessManagementApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const watch = this.getNodeParameter('watch') as Watch | 'clientWabas' | 'everyClientWaba';
		if (watch === 'clientWabas') return await pollClients.call(this);
		if (watch === 'everyClientWaba') return await pollEveryClient.call(this);
		const pool = watch === 'preVerifiedNumbers';
		const typed = String(this.getNodeParameter(pool ? 'businessId' : 'wabaId', '')).trim();
		const ownerId = typed || (pool ? await readCredentialBusinessId.call(this) : '');
		if (!/^[0-9]+$/.test(ownerId)) {
			const label = pool
				? 'Business ID (here or in the credential)'
				: 'WhatsApp Business Account ID';
			throw new NodeOperationError(
				this.getNode(),
				`${label} must be the digits of the ID, e.g. 1234567890123456.`,
			);
		}
		const options = this.getNodeParameter('options', {}) as { emitExisting?: boolean };
		try {
			return await pollChanges.call(this, {
				watch,
				ownerId,
				events: this.getNodeParameter(pool ? 'poolEvents' : 'phoneNumberEvents', []) as string[],
				expiringWithinDays: pool ? Number(this.getNodeParameter('expiringWithinDays', 14)) : 0,
				emitExisting: options.emitExisting === true,
			});
		} catch (error) {
			// The poll fails as a whole and n8n shows why on the workflow; the next poll starts from
			// the state of the last good one.
			throw toNodeError(this.getNode(), asItemError(error));
		}
	}
}

/** The Client WABAs watch: its settings read and checked, then its own source. */
async function pollClients(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const typed = String(this.getNodeParameter('businessId', '')).trim();
	const businessId = typed || (await readCredentialBusinessId.call(this));
	const events = this.getNodeParameter('clientWabaEvents', []) as string[];
	const creditLineId = events.includes(SHARING_EVENT)
		? String(this.getNodeParameter('creditLineId', '')).trim()
		: '';
	for (const [label, id, needed] of [
		['Business ID (here or in the credential)', businessId, true],
		['Credit Line ID', creditLineId, events.includes(SHARING_EVENT)],
	] as const) {
		if (needed && !/^[0-9]+$/.test(id)) {
			throw new NodeOperationError(
				this.getNode(),
				`${label} must be the digits of the ID, e.g. 1234567890123456.`,
			);
		}
	}
	const options = this.getNodeParameter('options', {}) as { emitExisting?: boolean };
	try {
		return await pollClientWabas.call(this, {
			businessId,
			events,
			creditLineId,
			emitExisting: options.emitExisting === true,
		});
	} catch (error) {
		throw toNodeError(this.getNode(), asItemError(error));
	}
}

/** The fleet watch: every client WABA of the business. */
async function pollEveryClient(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const typed = String(this.getNodeParameter('businessId', '')).trim();
	const businessId = typed || (await readCredentialBusinessId.call(this));
	if (!/^[0-9]+$/.test(businessId)) {
		throw new NodeOperationError(
			this.getNode(),
			'Business ID (here or in the credential) must be the digits of the ID, e.g. 1234567890123456.',
		);
	}
	const options = this.getNodeParameter('options', {}) as {
		emitExisting?: boolean;
		includeOwned?: boolean;
	};
	try {
		return await pollFleet.call(this, {
			businessId,
			events: this.getNodeParameter('fleetEvents', []) as string[],
			includeOwned: options.includeOwned === true,
			intervalMinutes: Math.max(1, Number(this.getNodeParameter('checkEveryMinutes', 30))),
			emitExisting: options.emitExisting === true,
		});
	} catch (error) {
		throw toNodeError(this.getNode(), asItemError(error));
	}
}
