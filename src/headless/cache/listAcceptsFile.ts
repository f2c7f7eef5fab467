import type { MediaFile, MediaListKeyFilters } from 'mediashelf/core';

/**
 * Whether a freshly uploaded file belongs in a list with these (normalised) filters. A new file
 * is active, unused and not old, so `used` and `orphaned` lists never take it.
 */
export function listAcceptsFile(filters: MediaListKeyFilters, file: MediaFile): boolean {
  if (filters.status !== file.status) return false;
  if (filters.kinds && !filters.kinds.includes(file.kind)) return false;
  if (filters.usage === 'used' || filters.usage === 'orphaned') return false;
  if (filters.search && !file.fileName.toLowerCase().includes(filters.search.toLowerCase())) return false;
  return true;
}

/** Whether a new file goes on top of the list's first page (newest-first order). */
export function listStartsWithNewest(filters: MediaListKeyFilters): boolean {
  return filters.sort === 'uploadDate' && filters.order === 'desc';
}

/** Whether a rename can move a file into, out of, or within this list. */
export function listDependsOnName(filters: MediaListKeyFilters): boolean {
  return filters.search !== null || filters.sort === 'fileName';
}
