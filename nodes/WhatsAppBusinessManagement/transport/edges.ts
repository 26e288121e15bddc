// The Graph paths the node calls, each written once: an ID, then the edge.

export const PRE_VERIFIED_NUMBER_FIELDS =
	'id,phone_number,code_verification_status,code_verification_time,verification_expiry_time,owner_business';

/** A node by its ID: GET reads it, POST updates it, DELETE removes it. */
export const node = (id: string) => [id];
export const addPhoneNumbers = (businessId: string) => [businessId, 'add_phone_numbers'];
export const preVerifiedNumbers = (businessId: string) => [businessId, 'preverified_numbers'];
export const requestCode = (id: string) => [id, 'request_code'];
export const verifyCode = (id: string) => [id, 'verify_code'];

/**
 * What Get and Get Many ask of a WABA phone number: status, quality, limits and reviews. The
 * messaging limit is `whatsapp_business_manager_messaging_limit`, the business portfolio's
 * since 2025-10-07; Meta deprecated `messaging_limit_tier` (its "Messaging Limits" page).
 */
export const PHONE_NUMBER_FIELDS =
	'id,display_phone_number,verified_name,status,quality_rating,code_verification_status,name_status,new_name_status,whatsapp_business_manager_messaging_limit,platform_type,account_mode,is_pin_enabled';

export const ownedWabas = (businessId: string) => [businessId, 'owned_whatsapp_business_accounts'];
export const clientWabas = (businessId: string) => [
	businessId,
	'client_whatsapp_business_accounts',
];
export const wabaPhoneNumbers = (wabaId: string) => [wabaId, 'phone_numbers'];
export const register = (phoneNumberId: string) => [phoneNumberId, 'register'];
export const deregister = (phoneNumberId: string) => [phoneNumberId, 'deregister'];
export const sharePreVerifiedNumbers = (businessId: string) => [
	businessId,
	'share_preverified_numbers',
];
export const partners = (preVerifiedId: string) => [preVerifiedId, 'partners'];

/** What Get asks of a WhatsApp Business Account: its name, money, time, reviews and owner. */
export const WABA_FIELDS =
	'id,name,currency,timezone_id,message_template_namespace,account_review_status,business_verification_status,ownership_type,country';
export const subscribedApps = (wabaId: string) => [wabaId, 'subscribed_apps'];

/** What Get Business Profile asks: every field the profile has. */
export const BUSINESS_PROFILE_FIELDS =
	'about,address,description,email,profile_picture_url,websites,vertical';
export const businessProfile = (phoneNumberId: string) => [
	phoneNumberId,
	'whatsapp_business_profile',
];
export const conversationalAutomation = (phoneNumberId: string) => [
	phoneNumberId,
	'conversational_automation',
];
export const qrCodes = (phoneNumberId: string) => [phoneNumberId, 'message_qrdls'];
export const qrCode = (phoneNumberId: string, code: string) => [
	phoneNumberId,
	'message_qrdls',
	code,
];

/** What Get and Get Many ask of a message template: its review, quality and content. */
export const TEMPLATE_FIELDS =
	'id,name,language,status,category,quality_score,rejected_reason,parameter_format,components';
export const messageTemplates = (wabaId: string) => [wabaId, 'message_templates'];
export const migrateMessageTemplates = (wabaId: string) => [wabaId, 'migrate_message_templates'];

// Credit lines (Meta's "Managing credit lines"): the partner's lines, a sharing with a client's
// WABA, the sharings of a line; an allocation config is read and deleted by its ID (node()).
export const creditLines = (businessId: string) => [businessId, 'extendedcredits'];
export const shareCreditLine = (creditLineId: string) => [
	creditLineId,
	'whatsapp_credit_sharing_and_attach',
];
export const creditLineSharings = (creditLineId: string) => [
	creditLineId,
	'owning_credit_allocation_configs',
];
/** What a sharing's allocation config says: the credential it funds, the client, its state. */
export const ALLOCATION_FIELDS = 'id,receiving_credential,receiving_business,request_status';
/** What a WABA says about its funding and its owner, for credit lines and onboarding. */
export const WABA_FUNDING_FIELDS = 'id,name,currency,primary_funding_id,owner_business_info';
export const assignedUsers = (wabaId: string) => [wabaId, 'assigned_users'];
