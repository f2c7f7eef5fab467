import type { MediaKind } from 'mediashelf/core';

/**
 * Every user-visible string of the components and of the hooks' own messages (upload
 * validation). Functions take the values they interpolate, so a translation can reorder words or
 * pluralise; sizes arrive already formatted for the provider's locale.
 */
export interface MediaLabels {
  libraryTitle: string;
  searchPlaceholder: string;
  uploadButton: string;
  dropzoneHint: string;
  loadMore: string;
  loading: string;
  emptyLibrary: string;
  emptySearch: string;
  emptyTrash: string;
  errorLoading: string;
  retry: string;
  trash: string;
  library: string;
  viewGrid: string;
  viewList: string;
  selectAll: string;
  clearSelection: string;
  selectedCount: (count: number) => string;
  rename: string;
  delete: string;
  restore: string;
  purge: string;
  cancel: string;
  confirm: string;
  close: string;
  deleteDialogTitle: string;
  deleteConfirmMessage: (count: number) => string;
  deleteInUseMessage: (count: number) => string;
  unlinkAllAndDelete: string;
  usedIn: (count: number) => string;
  notUsed: string;
  unlink: string;
  details: string;
  history: string;
  usage: string;
  versions: string;
  properties: string;
  replace: string;
  restoreVersion: string;
  currentVersion: string;
  uploadQueued: string;
  uploadUploading: string;
  uploadDone: string;
  uploadError: string;
  uploadCancelled: string;
  uploadCancel: string;
  uploadRetry: string;
  uploadRemove: string;
  clearFinished: string;
  uploadSummary: (done: number, total: number) => string;
  fileTooLarge: (fileName: string, maxSize: string) => string;
  unsupportedType: (fileName: string, fileType: string) => string;
  bulkProgress: (processed: number, total: number) => string;
  bulkFailed: (count: number) => string;
  totalFiles: string;
  usedFiles: string;
  unusedFiles: string;
  orphanedFiles: string;
  storageUsed: string;
  trashSize: string;
  cleanUpOrphans: string;
  kinds: Record<MediaKind, string>;
}

/** A partial override of {@link MediaLabels}; `kinds` may be overridden in part too. */
export type MediaLabelsOverride = Partial<Omit<MediaLabels, 'kinds'>> & {
  kinds?: Partial<Record<MediaKind, string>>;
};

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/** The default English labels. */
export const defaultMediaLabels: MediaLabels = {
  libraryTitle: 'Media library',
  searchPlaceholder: 'Search files',
  uploadButton: 'Upload files',
  dropzoneHint: 'Drop files here to upload',
  loadMore: 'Load more',
  loading: 'Loading…',
  emptyLibrary: 'No files yet. Upload one to get started.',
  emptySearch: 'No files match your search.',
  emptyTrash: 'The trash is empty.',
  errorLoading: 'The files could not be loaded.',
  retry: 'Try again',
  trash: 'Trash',
  library: 'Library',
  viewGrid: 'Grid view',
  viewList: 'List view',
  selectAll: 'Select all',
  clearSelection: 'Clear selection',
  selectedCount: (count) => `${count} ${plural(count, 'file', 'files')} selected`,
  rename: 'Rename',
  delete: 'Move to trash',
  restore: 'Restore',
  purge: 'Delete permanently',
  cancel: 'Cancel',
  confirm: 'Confirm',
  close: 'Close',
  deleteDialogTitle: 'Move to trash?',
  deleteConfirmMessage: (count) =>
    `${count} ${plural(count, 'file', 'files')} will move to the trash. You can restore ${plural(count, 'it', 'them')} for 30 days.`,
  deleteInUseMessage: (count) =>
    `This file is used in ${count} ${plural(count, 'place', 'places')}. Unlink it first, or unlink everywhere and move it to the trash.`,
  unlinkAllAndDelete: 'Unlink everywhere and move to trash',
  usedIn: (count) => `Used in ${count} ${plural(count, 'place', 'places')}`,
  notUsed: 'Not used anywhere',
  unlink: 'Unlink',
  details: 'Details',
  history: 'History',
  usage: 'Where it is used',
  versions: 'Versions',
  properties: 'Properties',
  replace: 'Replace file',
  restoreVersion: 'Restore this version',
  currentVersion: 'Current version',
  uploadQueued: 'Waiting',
  uploadUploading: 'Uploading',
  uploadDone: 'Uploaded',
  uploadError: 'Failed',
  uploadCancelled: 'Cancelled',
  uploadCancel: 'Cancel upload',
  uploadRetry: 'Retry upload',
  uploadRemove: 'Remove from list',
  clearFinished: 'Clear finished',
  uploadSummary: (done, total) => `${done} of ${total} uploaded`,
  fileTooLarge: (fileName, maxSize) => `"${fileName}" is too large: files can be at most ${maxSize}.`,
  unsupportedType: (fileName, fileType) =>
    `"${fileName}" cannot be uploaded: ${fileType || 'this file type'} is not accepted here.`,
  bulkProgress: (processed, total) => `${processed} of ${total} done`,
  bulkFailed: (count) => `${count} ${plural(count, 'file', 'files')} could not be processed`,
  totalFiles: 'Files',
  usedFiles: 'In use',
  unusedFiles: 'Unused',
  orphanedFiles: 'Orphaned',
  storageUsed: 'Storage used',
  trashSize: 'In trash',
  cleanUpOrphans: 'Clean up orphaned files',
  kinds: { video: 'Video', image: 'Image', audio: 'Audio', document: 'Document', other: 'Other' },
};

/** Merges an override over {@link defaultMediaLabels} (shallowly, `kinds` one level deeper). */
export function resolveMediaLabels(override?: MediaLabelsOverride): MediaLabels {
  if (!override) return defaultMediaLabels;
  return {
    ...defaultMediaLabels,
    ...override,
    kinds: { ...defaultMediaLabels.kinds, ...override.kinds },
  } as MediaLabels;
}
