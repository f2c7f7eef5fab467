/**
 * Object storage for the media service: the {@link StorageDriver} interface, the local-disk
 * driver (the default), an in-memory driver for tests and an S3-compatible driver (Backblaze B2,
 * AWS S3, MinIO, R2), plus key helpers.
 *
 * @packageDocumentation
 */
export { assertValidContentType } from './assertValidContentType';
export { contentDisposition } from './contentDisposition';
export type { LocalStorageOptions } from './createLocalStorage';
export { createLocalStorage, LOCAL_TEMP_DIRECTORY } from './createLocalStorage';
export type { MemoryStorage } from './createMemoryStorage';
export { createMemoryStorage } from './createMemoryStorage';
export { createS3Storage } from './createS3Storage';
export type { CreateStorageKeyOptions } from './createStorageKey';
export { createStorageKey, encodeTenantSegment } from './createStorageKey';
export type { MeterBodyOptions, MeteredBody } from './meterBody';
export { meterBody } from './meterBody';
export { assertValidRange, resolveRange } from './resolveRange';
export type { S3StorageOptions } from './S3StorageOptions';
export type {
  ByteRange,
  ResolvedByteRange,
  SignedUrlOptions,
  StorageBody,
  StorageDriver,
  StorageGetOptions,
  StorageGetResult,
  StoragePutOptions,
  StoragePutResult,
} from './StorageDriver';
export {
  assertValidStorageKey,
  isValidStorageKey,
  MAX_STORAGE_KEY_BYTES,
  MAX_STORAGE_KEY_SEGMENT_BYTES,
  storageKeyProblem,
  validateStorageKeyList,
} from './validateStorageKey';
