import { phoneNumberFields } from '../common.descriptions';
import { getHealthStatusOperation } from '../healthStatus';
import { readPhoneNumberId } from '../parameters';

/** Whether the number can send: the number, its WABA, business and app, with Meta's reasons. */
export const getHealthStatus = getHealthStatusOperation(
	'phoneNumber',
	phoneNumberFields,
	readPhoneNumberId,
);
