import { phoneNumberFields } from '../common.descriptions';
import { readPhoneNumberId } from '../parameters';
import { verifyCodeOperation } from '../verification';

/** Sends the code the WABA number received, so that it can be registered. */
export const verifyCode = verifyCodeOperation({
	resource: 'phoneNumber',
	fields: phoneNumberFields,
	readId: readPhoneNumberId,
});
