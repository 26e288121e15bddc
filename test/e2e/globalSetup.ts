/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in Node.js, never inside n8n */
// The e2e files run side by side (most of the trigger file's time is n8n's poll minute): the
// package is built and packed once, here, instead of by each file into the same folders.
import { packPackage } from './realN8n';

export default function globalSetup(): void {
	process.env.WBM_E2E_TARBALL = packPackage();
}
