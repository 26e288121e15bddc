import { sharingOperation } from './sharing';

/** Shares a pre-verified number with a partner business, which can then offer it to clients. */
export const share = sharingOperation('share');
