import type { ProgressCallback } from 'mediashelf/core';

/** Reports progress that never goes back and never passes `total`, ending once at (total, total). */
export interface ProgressReporter {
  report(loaded: number): void;
  /** Reports (total, total) unless that was the last report. */
  finish(): void;
}

/** Wraps an `onProgress` callback with the contract's guarantees; a throwing callback is ignored. */
export function createProgressReporter(
  total: number,
  onProgress: ProgressCallback | undefined,
): ProgressReporter {
  let last = -1;
  const emit = (loaded: number) => {
    const value = Math.min(Math.max(loaded, last, 0), total);
    if (value === last) return;
    last = value;
    try {
      onProgress?.(value, total);
    } catch {
      // A UI callback failing must not fail the upload.
    }
  };
  return {
    report: emit,
    finish: () => {
      if (last !== total) emit(total);
    },
  };
}
