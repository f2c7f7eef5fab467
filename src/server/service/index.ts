/**
 * The media service: every operation of the adapter contract on a database and object storage.
 *
 * @packageDocumentation
 */

export type { BulkWorkerOptions } from './bulk/BulkWorker';
export type { MediaServiceOptions } from './createMediaService';
export { createMediaService, DEFAULT_MAX_FILE_SIZE } from './createMediaService';
export type { ContextSource } from './createServiceAdapter';
export { createServiceAdapter } from './createServiceAdapter';
export type {
  MediaContent,
  MediaContext,
  MediaService,
  OpenContentParams,
  PurgeExpiredResult,
  ServiceReplaceParams,
  ServiceUploadParams,
  TenantEvent,
} from './MediaService';
export type { MediaServiceLimits } from './ServiceRuntime';
export { checkContentType, sniffMimeType } from './sniffMimeType';
