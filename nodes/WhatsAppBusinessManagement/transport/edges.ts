// The Graph paths the node calls, each written once: an ID, then the edge.

export const PRE_VERIFIED_NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time,owner_business';

/** A node by its ID: GET reads it, POST updates it, DELETE removes it. */
export const node = (id: string) => [id];
export const addPhoneNumbers = (businessId: string) => [businessId, 'add_phone_numbers'];
export const preVerifiedNumbers = (businessId: string) => [businessId, 'preverified_numbers'];
export const requestCode = (id: string) => [id, 'request_code'];
export const verifyCode = (id: string) => [id, 'verify_code'];
