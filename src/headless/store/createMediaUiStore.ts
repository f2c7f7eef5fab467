import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MediaUiData, MediaUiState, MediaViewMode } from './MediaUiState';
import { selectRange } from './selectRange';

/** Options of {@link createMediaUiStore}. */
export interface MediaUiStoreOptions {
  /** Default `grid`. */
  viewMode?: MediaViewMode;
}

/** The vanilla Zustand store of one library's UI state. */
export type MediaUiStore = StoreApi<MediaUiState>;

/** The data part of a fresh store: nothing selected, nothing open. */
export function initialMediaUiData(options: MediaUiStoreOptions = {}): MediaUiData {
  return {
    selectedIds: new Set(),
    selectionAnchor: null,
    filterKey: null,
    viewMode: options.viewMode ?? 'grid',
    detailsFileId: null,
    deleteDialogIds: null,
    selectorOpen: false,
    uploadTrayOpen: false,
  };
}

/**
 * Creates the UI store of one `MediaProvider`. A vanilla store (not a module-level hook) so that
 * two libraries on one page never share a selection, and so it can be tested without React.
 */
export function createMediaUiStore(options: MediaUiStoreOptions = {}): MediaUiStore {
  return createStore<MediaUiState>()((set, get) => ({
    ...initialMediaUiData(options),

    toggleSelection(id, { range = false, orderedIds } = {}) {
      const { selectedIds, selectionAnchor } = get();
      const next = new Set(selectedIds);
      if (range && orderedIds) {
        // A shift-click adds the whole span and keeps the anchor, like file managers do.
        for (const rangeId of selectRange(orderedIds, selectionAnchor, id)) next.add(rangeId);
        set({ selectedIds: next, selectionAnchor: selectionAnchor ?? id });
        return;
      }
      if (next.has(id)) next.delete(id);
      else next.add(id);
      set({ selectedIds: next, selectionAnchor: id });
    },
    setSelection(ids) {
      set({ selectedIds: new Set(ids) });
    },
    clearSelection() {
      if (get().selectedIds.size === 0 && get().selectionAnchor === null) return;
      set({ selectedIds: new Set(), selectionAnchor: null });
    },
    pruneSelection(visibleIds) {
      const visible = new Set(visibleIds);
      const { selectedIds } = get();
      const kept = [...selectedIds].filter((id) => visible.has(id));
      if (kept.length !== selectedIds.size) set({ selectedIds: new Set(kept) });
    },
    setFilterKey(filterKey) {
      const previous = get().filterKey;
      if (previous === filterKey) return;
      // The first key only records the filter; later changes mean other files are shown.
      if (previous === null) set({ filterKey });
      else set({ filterKey, selectedIds: new Set(), selectionAnchor: null });
    },
    setViewMode(viewMode) {
      if (get().viewMode !== viewMode) set({ viewMode });
    },
    openDetails(detailsFileId) {
      set({ detailsFileId });
    },
    closeDetails() {
      set({ detailsFileId: null });
    },
    openDeleteDialog(ids) {
      set({ deleteDialogIds: [...ids] });
    },
    closeDeleteDialog() {
      set({ deleteDialogIds: null });
    },
    setSelectorOpen(selectorOpen) {
      set({ selectorOpen });
    },
    setUploadTrayOpen(uploadTrayOpen) {
      set({ uploadTrayOpen });
    },
  }));
}
