import { preVerifiedNumberFields } from '../common.descriptions';
import { readPreVerifiedNumberId } from '../parameters';
import { verifyCodeOperation } from '../verification';

/** Sends the code the number received; a verified number stays verified for 90 days. */
export const verifyCode = verifyCodeOperation({
	resource: 'preVerifiedNumber',
	fields: preVerifiedNumberFields,
	readId: readPreVerifiedNumberId,
});
