import { useMemo } from 'react';
import { useMediaContext } from '../provider/useMediaContext';
import type { MediaUiState, ToggleSelectionOptions } from './MediaUiState';
import { useMediaUiStore } from './useMediaUiStore';

/** What {@link useMediaSelection} returns. */
export interface MediaSelection {
  /** Selected ids (a new Set on every change). */
  selectedIds: ReadonlySet<string>;
  count: number;
  isSelected(id: string): boolean;
  /** Toggles one id; with `{ range: true, orderedIds }` selects the span from the last toggled id. */
  toggle(id: string, options?: ToggleSelectionOptions): void;
  /** "Select all loaded": selects exactly these ids. */
  selectAll(ids: Iterable<string>): void;
  clear(): void;
  /** Drops ids no longer shown. */
  prune(visibleIds: readonly string[]): void;
}

const selectIds = (state: MediaUiState) => state.selectedIds;

/**
 * The library's selection (ids only). The component re-renders when the selection changes; a
 * row that only needs its own checkbox should use {@link useIsSelected}.
 */
export function useMediaSelection(): MediaSelection {
  const selectedIds = useMediaUiStore(selectIds);
  // Actions never change identity: read them without subscribing to the rest of the state.
  const { toggleSelection, setSelection, clearSelection, pruneSelection } =
    useMediaContext().store.getState();
  return useMemo(
    () => ({
      selectedIds,
      count: selectedIds.size,
      isSelected: (id: string) => selectedIds.has(id),
      toggle: toggleSelection,
      selectAll: setSelection,
      clear: clearSelection,
      prune: pruneSelection,
    }),
    [selectedIds, toggleSelection, setSelection, clearSelection, pruneSelection],
  );
}

/** Whether one id is selected; re-renders only when that answer changes (for list rows). */
export function useIsSelected(id: string): boolean {
  return useMediaUiStore((state) => state.selectedIds.has(id));
}
