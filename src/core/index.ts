/**
 * `mediashelf/core`: the adapter contract, its types and errors, the wire envelope, query keys,
 * events and formatters. No React and no Node-only APIs: it runs in browsers, Node and edge
 * runtimes.
 *
 * @packageDocumentation
 */
export * from './constants';
export { decodeCursor, encodeCursor } from './cursor';
export type { Envelope, ErrorEnvelope, SuccessEnvelope } from './envelope';
export { fail, isEnvelope, ok, toEnvelope, unwrapEnvelope } from './envelope';
export type { MediaChange, MediaEvent, MediaEventEmitter, MediaEventMap, MediaEventType } from './events';
export { createEventEmitter } from './events';
export {
  resolveUploadFileName,
  sanitizeFileName,
  shortenFileName,
  stripUnsafeCharacters,
  validateNewFileName,
} from './fileNames';
export type { FormatFileSizeOptions } from './format';
export { formatDate, formatFileSize, formatRelativeTime } from './format';
export { kindOf, resolveMimeType } from './kindOf';
export type { NormalizedListParams } from './listParams';
export { listCursorTag, normalizeListParams, normalizeOrphanAgeDays, normalizePageSize } from './listParams';
export type {
  GetAnalyticsActionParams,
  GetHistoryActionParams,
  IdActionParams,
  ListMediaActionParams,
  MediaActions,
} from './MediaActions';
export type {
  GetAnalyticsParams,
  GetHistoryParams,
  LinkMediaParams,
  ListMediaParams,
  MediaAdapter,
  MediaAdapterMethod,
  MediaEventListener,
  MediaIdParams,
  MediaSort,
  ProgressCallback,
  RenameMediaParams,
  ReplaceMediaParams,
  RestoreVersionParams,
  SortOrder,
  StartBulkOperationParams,
  UnlinkMediaParams,
  UploadMediaParams,
  UsageFilter,
} from './MediaAdapter';
export { MEDIA_ADAPTER_METHODS } from './MediaAdapter';
export type { MediaErrorCode, MediaErrorOptions, MediaErrorShape } from './MediaError';
export {
  HTTP_STATUS_BY_CODE,
  isAbortError,
  isMediaError,
  isMediaErrorCode,
  MEDIA_ERROR_CODES,
  MediaError,
  throwIfAborted,
  toMediaError,
} from './MediaError';
export type { MediaListKeyFilters, MediaQueryKeys } from './queryKeys';
export { createMediaQueryKeys, mediaKeys } from './queryKeys';
export type {
  BulkItemFailure,
  BulkOperation,
  BulkOperationStatus,
  BulkOperationType,
  CountAndSize,
  MediaAdapterCapabilities,
  MediaFile,
  MediaHistoryEntry,
  MediaHistoryOperation,
  MediaKind,
  MediaStatus,
  MediaUsage,
  MediaVersion,
  Page,
  StorageAnalytics,
} from './types';
export { MEDIA_KINDS } from './types';
export { isDevelopment, validateAdapterResult, withResultValidation } from './validateAdapterResult';
