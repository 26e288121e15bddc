import { preVerifiedNumberFields } from '../common.descriptions';
import { readPreVerifiedNumberId } from '../parameters';
import { requestCodeOperation } from '../verification';

/** Asks Meta to send a verification code to the pre-verified number by SMS or voice call. */
export const requestCode = requestCodeOperation({
	resource: 'preVerifiedNumber',
	fields: preVerifiedNumberFields,
	readId: readPreVerifiedNumberId,
});
