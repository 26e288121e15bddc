import { messageTemplateFields } from '../common.descriptions';
import { getHealthStatusOperation } from '../healthStatus';
import { readTemplateId } from '../parameters';

/** Whether the template can be sent: the template, its WABA, business and app, with Meta's reasons. */
export const getHealthStatus = getHealthStatusOperation(
	'messageTemplate',
	messageTemplateFields,
	readTemplateId,
);
