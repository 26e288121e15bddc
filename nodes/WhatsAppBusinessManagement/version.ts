// Kept equal to package.json's name and version by test/package/package.test.ts; sent as the
// User-Agent, which Meta's contract wants shaped like name/1.2.3.
export const PACKAGE_NAME = 'n8n-nodes-whatsapp-business-management';
export const PACKAGE_VERSION = '0.1.0';
