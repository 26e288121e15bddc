import { phoneNumberFields } from '../common.descriptions';
import { readPhoneNumberId } from '../parameters';
import { requestCodeOperation } from '../verification';

/** Asks Meta to send a verification code to the WABA number by SMS or voice call. */
export const requestCode = requestCodeOperation({
	resource: 'phoneNumber',
	fields: phoneNumberFields,
	readId: readPhoneNumberId,
});
