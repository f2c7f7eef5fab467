import type { MediaErrorCode } from 'mediashelf/core';

/** Where one upload stands. */
export type UploadStatus = 'queued' | 'uploading' | 'done' | 'error' | 'cancelled';

/** Why an upload failed. */
export interface UploadError {
  code: MediaErrorCode;
  /** Human-readable, from the labels for validation failures, else the adapter's message. */
  message: string;
  /** False for validation failures (the same file would fail again). */
  retryable: boolean;
}

/**
 * One file of an {@link UploadQueue}. Immutable: every change makes a new object, so a row
 * subscribed to its item re-renders exactly when it changed.
 */
export interface UploadItem {
  /** Client key, stable for the item's life: React keys and placeholders use it. */
  readonly key: string;
  readonly file: Blob;
  readonly fileName: string;
  readonly fileSize: number;
  readonly fileType: string;
  readonly status: UploadStatus;
  /** Bytes sent. */
  readonly loaded: number;
  /** 0..1. */
  readonly progress: number;
  readonly error: UploadError | null;
  /** Media id once the upload finished (lists key by it; the placeholder keeps `key`). */
  readonly serverId: string | null;
}

/** Totals over a queue, for an overall progress bar. */
export interface UploadQueueSummary {
  total: number;
  queued: number;
  uploading: number;
  done: number;
  error: number;
  cancelled: number;
  /** Bytes sent of the files that are queued, uploading or done. */
  loaded: number;
  /** Bytes of the files that are queued, uploading or done. */
  size: number;
  /** `loaded / size`, 0..1 (1 when everything counted is done). */
  progress: number;
  /** Whether anything is queued or uploading. */
  active: boolean;
}
