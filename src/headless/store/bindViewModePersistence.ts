import type { MediaUiStore } from './createMediaUiStore';
import type { MediaViewMode } from './MediaUiState';

/** The part of the Web Storage API the persistence uses. */
export interface ViewModeStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const isViewMode = (value: unknown): value is MediaViewMode => value === 'grid' || value === 'list';

/**
 * Restores the saved view mode into the store, then saves every change. Call it after mount
 * (never during render) so server and first client render agree. Storage errors (private mode,
 * quota, disabled cookies) are swallowed: persistence is a convenience, never a failure.
 * Returns the function that stops saving.
 */
export function bindViewModePersistence(
  store: MediaUiStore,
  storage: ViewModeStorage,
  key: string,
): () => void {
  try {
    const saved = storage.getItem(key);
    if (isViewMode(saved)) store.getState().setViewMode(saved);
  } catch {
    // Unreadable storage: keep the default.
  }
  return store.subscribe((state, previous) => {
    if (state.viewMode === previous.viewMode) return;
    try {
      storage.setItem(key, state.viewMode);
    } catch {
      // Unwritable storage: the choice lasts for this page only.
    }
  });
}
