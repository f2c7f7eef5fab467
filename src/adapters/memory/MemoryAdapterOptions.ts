import type { MediaAdapter, MediaEventListener } from 'mediashelf/core';

/** A usage link of a {@link MemorySeedFile}. */
export interface MemorySeedUsage {
  /** For example `course`, `chapter` or `lesson`. */
  resourceType: string;
  resourceId: string;
  resourceTitle?: string;
  /** When the link was made; defaults to shortly after the upload. */
  linkedAt?: Date | string;
}

/**
 * A file the memory adapter starts with. Give `content` for a real, readable file, or only
 * `fileSize` for synthetic content (no bytes are held, the url is `memory://<id>/v<n>`).
 */
export interface MemorySeedFile {
  /** Fixed id; generated (`media-000001`, ...) when omitted. */
  id?: string;
  /** Display name; sanitised like an upload's name. */
  fileName: string;
  /** Defaults to `fileName`. */
  originalFileName?: string;
  /** MIME type; resolved from the content's type or the name's extension when omitted. */
  fileType?: string;
  content?: Blob | Uint8Array | string;
  /** Size of synthetic content in bytes; ignored when `content` is given. Default 0. */
  fileSize?: number;
  /** Defaults to the adapter's clock at seeding time. */
  uploadDate?: Date | string;
  /** Default `active`. A `deleted` file must not have usage links (the trash never has any). */
  status?: 'active' | 'deleted';
  /** When a `deleted` file went to the trash; defaults to the clock's now. Ignored for active files. */
  deletedAt?: Date | string | null;
  usage?: MemorySeedUsage[];
  /** Number of versions (default 1); earlier versions share the current content. */
  versions?: number;
  thumbnailUrl?: string | null;
}

/** Added latency in milliseconds: fixed, or uniformly drawn from a range on every call. */
export type MemoryLatency = number | { min: number; max: number };

/** Options of {@link createMemoryAdapter}. */
export interface MemoryAdapterOptions {
  /** Files the adapter starts with (and returns to on `reset()`). */
  seed?: MemorySeedFile[];
  /** Source of every timestamp; default `() => new Date()`. */
  clock?: () => Date;
  /** Added to every call before it runs; default 0. */
  latency?: MemoryLatency;
  /** Probability 0..1 that a call rejects `NETWORK_ERROR` before changing anything; default 0. */
  failRate?: number;
  /** Random source of `failRate` and latency ranges; default `Math.random`. */
  random?: () => number;
  /** Largest accepted upload or replacement in bytes (`FILE_TOO_LARGE` above it). */
  maxFileSize?: number;
  /** Accepted MIME patterns such as `image/*` or `application/pdf` (`UNSUPPORTED_TYPE` otherwise). */
  acceptTypes?: string[];
  /** Recorded as `actorId` on every history entry. */
  actorId?: string;
  /** Items a bulk job handles per step; default 25. */
  bulkBatchSize?: number;
  /** Simulated time per bulk item in ms (a step waits `bulkBatchSize * bulkItemDelayMs`); default 0. */
  bulkItemDelayMs?: number;
  /**
   * Serve content through `URL.createObjectURL` when the runtime has it (default true). When false
   * or unavailable, urls are the deterministic `memory://<id>/v<n>`.
   */
  objectUrls?: boolean;
  /** Bytes read per upload progress step; default 256 KiB. */
  uploadChunkSize?: number;
}

/** The stored bytes of one version, from {@link MemoryAdapter.getContent}. */
export interface MemoryContent {
  versionNumber: number;
  fileSize: number;
  fileType: string;
  /** The content, or null for synthetic (size-only) seed content. */
  blob: Blob | null;
  /** Hex SHA-256 of the content, or null for synthetic content. */
  checksumSha256: string | null;
}

/** Parameters of {@link MemoryAdapter.getContent}. */
export interface GetContentParams {
  id: string;
  /** Defaults to the current version. */
  versionNumber?: number;
  signal?: AbortSignal;
}

/**
 * The in-memory {@link MediaAdapter}: the full contract with real semantics, plus helpers for
 * stories and tests.
 */
export interface MemoryAdapter extends MediaAdapter {
  /** Always present on this adapter. */
  subscribe(listener: MediaEventListener): () => void;
  /**
   * Drops every file, version, link, history entry and bulk job (stopping their timers and
   * revoking object URLs), then loads `seed`, or the seed the adapter was created with. Emits no
   * events and does not undo `dispose()`.
   */
  reset(seed?: MemorySeedFile[]): void;
  /**
   * Stops every timer: running bulk jobs end `cancelled`, calls waiting on latency reject
   * `NETWORK_ERROR`, listeners are dropped and object URLs revoked. Every later call rejects
   * `NETWORK_ERROR`. Safe to call twice.
   */
  dispose(): void;
  /** Addition: the stored bytes of a version (any status), for downloads and assertions. */
  getContent(params: GetContentParams): Promise<MemoryContent>;
}
