import { sharingOperation } from './sharing';

/** Stops sharing a pre-verified number with a partner business. */
export const stopSharing = sharingOperation('stopSharing');
