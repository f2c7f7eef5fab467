/** How the library lays out files. */
export type MediaViewMode = 'grid' | 'list';

/** Options of a selection toggle. */
export interface ToggleSelectionOptions {
  /** Extend from the last toggled id to this one (shift-click) over `orderedIds`. */
  range?: boolean;
  /** The visible ids in display order; needed for `range`. */
  orderedIds?: readonly string[];
}

/**
 * UI state of one library (DESIGN.md §2): ids and flags only, never server objects. Server data
 * is read from TanStack Query by id, so the store can never show a stale copy of a file.
 */
export interface MediaUiData {
  /** Selected media ids. A new Set on every change, so selectors compare by reference. */
  selectedIds: ReadonlySet<string>;
  /** Id the next shift-click extends from. */
  selectionAnchor: string | null;
  /** Filter identity the selection belongs to; changing it clears the selection. */
  filterKey: string | null;
  viewMode: MediaViewMode;
  /** Id of the file shown in the details panel. */
  detailsFileId: string | null;
  /** Ids the delete dialog asks about, or null when it is closed. */
  deleteDialogIds: readonly string[] | null;
  /** Whether the MediaSelector dialog is open (uncontrolled mode). */
  selectorOpen: boolean;
  /** Whether the upload tray is expanded. */
  uploadTrayOpen: boolean;
}

/** Actions of the UI store. */
export interface MediaUiActions {
  toggleSelection(id: string, options?: ToggleSelectionOptions): void;
  /** Replaces the selection (e.g. "select all loaded" with the loaded ids). */
  setSelection(ids: Iterable<string>): void;
  clearSelection(): void;
  /** Drops ids that are no longer shown (e.g. removed by another user). */
  pruneSelection(visibleIds: readonly string[]): void;
  /** Records the current filter identity; a different one than before clears the selection. */
  setFilterKey(filterKey: string): void;
  setViewMode(mode: MediaViewMode): void;
  openDetails(id: string): void;
  closeDetails(): void;
  openDeleteDialog(ids: readonly string[]): void;
  closeDeleteDialog(): void;
  setSelectorOpen(open: boolean): void;
  setUploadTrayOpen(open: boolean): void;
}

/** The whole UI store state: data plus actions. */
export type MediaUiState = MediaUiData & MediaUiActions;
