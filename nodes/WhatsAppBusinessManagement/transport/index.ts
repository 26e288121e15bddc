// Every call to the Graph API goes through this folder: the connection, one request with its
// retries and pacing, cursor paging, and the paths of the edges the node calls.
export * from './graphApi';
export { downloadFile } from './download';
export { checkUploadFile, uploadFile } from './upload';
export type { UploadFile } from './upload';
export type { DownloadedFile } from './download';
export { GraphApiError } from './GraphApiError';
export { asItemError, toNodeError } from './nodeError';
export type { ItemError } from './nodeError';
export { DEFAULT_RETRY_POLICY } from './retry';
export { DEFAULT_USAGE_CEILING_PERCENT } from './pacer';
export type { RetryState } from './retry';
export { graphApiRequestAllItems, graphApiRequestPage, MAX_PAGE_SIZE } from './paging';
export * as edges from './edges';
