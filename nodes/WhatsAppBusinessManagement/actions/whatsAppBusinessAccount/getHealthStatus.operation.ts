import { wabaFields } from '../common.descriptions';
import { getHealthStatusOperation } from '../healthStatus';
import { readWabaId } from '../parameters';

/** Whether the WABA can send: the WABA, its business and the app, with Meta's reasons. */
export const getHealthStatus = getHealthStatusOperation(
	'whatsAppBusinessAccount',
	wabaFields,
	readWabaId,
);
